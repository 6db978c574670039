using Bunit;
using Microsoft.AspNetCore.Components;
using Npgsql;
using TodoDashboard.Features.Customers;
using TodoDashboard.Features.Customers.Generation;
using TodoDashboard.Infrastructure.LiveUpdates;
using TodoDashboard.Features.Customers.Components;

namespace TodoDashboard.Tests.Features.Customers;

/// <summary>The customers page and home card before anyone has added a customer, and the page when the database fails it.</summary>
public class CustomersEmptyTests : ComponentTestContext
{
    public CustomersEmptyTests(TodoDashboardFactory factory) : base(factory)
    {
        UseAppService<CustomerSearch>();
        UseAppService<CustomerGenerationService>();
        UseAppService<PostgresNotificationHub>();
        UseAppService<TimeProvider>();
        UseAppService<CustomerService>();
    }

    [Fact]
    public void An_empty_table_says_there_are_no_customers_yet()
    {
        var page = Render<CustomersPage>();

        page.WaitForAssertion(() => Assert.Contains("No customers yet", page.Find("[data-testid=customers-empty]").TextContent, StringComparison.Ordinal), DatabaseTimeout);
        Assert.True(page.Find("button[data-testid=customers-next]").HasAttribute("disabled"));
        Assert.True(page.Find("button[data-testid=customers-previous]").HasAttribute("disabled"));
    }

    [Fact]
    public async Task A_failing_query_shows_a_readable_error_and_try_again_recovers()
    {
        var page = Render<CustomersPage>();
        page.WaitForElement("[data-testid=customers-empty]", DatabaseTimeout);

        await RenameCustomersTableAsync("customers", "customers_elsewhere");
        try
        {
            await page.Find("input[data-testid=customer-search]").InputAsync(new ChangeEventArgs { Value = $"x{Guid.NewGuid():N}" });
            page.WaitForAssertion(() => Assert.Contains("Could not search the customers:", page.Find("[data-testid=customers-error]").TextContent, StringComparison.Ordinal), DatabaseTimeout);
            Assert.Empty(page.FindAll("[data-testid=customers-empty]"));
        }
        finally
        {
            await RenameCustomersTableAsync("customers_elsewhere", "customers");
        }

        await page.ClickAsync(() => page.FindAll("button").Single(b => b.TextContent.Trim() == "Try again"));
        page.WaitForAssertion(() => Assert.Contains("No customers match", page.Find("[data-testid=customers-empty]").TextContent, StringComparison.Ordinal), DatabaseTimeout);
        Assert.Empty(page.FindAll("[data-testid=customers-error]"));
    }

    [Fact]
    public void The_home_card_counts_no_customers_exactly()
    {
        var card = Render<CustomersHomeCard>();

        card.WaitForAssertion(() => Assert.Equal("0", card.Find("[data-testid=customers-headline]").TextContent.Trim()), DatabaseTimeout);
    }

    private async Task RenameCustomersTableAsync(string from, string to)
    {
        await using var connection = new NpgsqlConnection(Factory.Database.ConnectionString);
        await connection.OpenAsync();
        await using var rename = new NpgsqlCommand($"ALTER TABLE {from} RENAME TO {to}", connection);
        await rename.ExecuteNonQueryAsync();
    }
}

using Bunit;
using Microsoft.Extensions.DependencyInjection;
using TodoDashboard.Features.Customers;
using TodoDashboard.Features.Customers.Components;
using TodoDashboard.Tests.Infrastructure;

namespace TodoDashboard.Tests.Features.Customers;

/// <summary>The customers page and home card before anyone has added a customer.</summary>
public class CustomersEmptyTests : ComponentTestContext
{
    public CustomersEmptyTests(TodoDashboardFactory factory) : base(factory)
    {
        Services.AddSingleton(AppService<CustomerSearch>());
        Services.AddSingleton(AppService<CustomerService>());
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
    public void The_home_card_counts_no_customers_exactly()
    {
        var card = Render<CustomersHomeCard>();

        card.WaitForAssertion(() => Assert.Equal("0", card.Find("[data-testid=customers-headline]").TextContent.Trim()), DatabaseTimeout);
    }
}

using AngleSharp.Dom;
using Bunit;
using Npgsql;
using TodoDashboard.Features.Customers;
using TodoDashboard.Features.Customers.Components;

namespace TodoDashboard.Tests.Features.Customers;

/// <summary>The customers page on the known dataset, its first page, sorting and paging, and the home card: what it lists is computed from the dataset, not read back from the page.</summary>
public class CustomersPageTests(CustomerDataset data) : CustomersPageTestContext(data)
{
    [Fact]
    public async Task The_first_page_lists_the_newest_customers_with_the_query_time_and_an_estimate()
    {
        var customers = await Factory.InsertAsync();

        var page = Render<CustomersPage>();

        page.WaitForAssertion(() => Assert.Equal(Expected(customers), CustomerIds(page)), DatabaseTimeout);
        Assert.Matches(TimingLine(), Timing(page));
        Assert.EndsWith("matches", Timing(page), StringComparison.Ordinal);
        Assert.Contains("about ", Timing(page), StringComparison.Ordinal);

        var first = customers.OrderByDescending(c => c.Created).ThenByDescending(c => c.Id).First();
        var cells = page.Find("tbody tr").QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal($"{first.FirstName} {first.LastName}", cells[0]);
        Assert.Equal(first.CustomerId, cells[1]);
    }

    [Fact]
    public async Task Clicking_a_sort_header_sorts_by_it_and_clicking_again_reverses_it()
    {
        var customers = await Factory.InsertAsync();
        var page = RenderFirstPage();
        Assert.Equal("descending", SortedColumn(page, "Created"));

        await page.ClickAsync(() => SortHeader(page, "Points"));
        page.WaitForAssertion(() => Assert.Equal(Expected(customers, CustomerSort.Points, descending: false), CustomerIds(page)), DatabaseTimeout);
        Assert.Equal("ascending", SortedColumn(page, "Points"));
        Assert.Null(SortedColumn(page, "Created"));

        await page.ClickAsync(() => SortHeader(page, "Points"));
        page.WaitForAssertion(() => Assert.Equal(Expected(customers, CustomerSort.Points, descending: true), CustomerIds(page)), DatabaseTimeout);
        Assert.Equal("descending", SortedColumn(page, "Points"));

        await page.ClickAsync(() => SortHeader(page, "City / country"));
        page.WaitForAssertion(() => Assert.Equal(Expected(customers, CustomerSort.City, descending: false), CustomerIds(page)), DatabaseTimeout);
        Assert.Equal("ascending", SortedColumn(page, "City / country"));
    }

    [Fact]
    public async Task Next_then_previous_returns_to_the_first_pages_rows_and_the_buttons_stop_at_the_ends()
    {
        var customers = await Factory.InsertAsync();
        var ordered = CustomerDataset.Order(customers, CustomerSort.Created, descending: true).Select(c => c.CustomerId).ToList();
        var page = RenderFirstPage();
        Assert.True(Button(page, "customers-previous").HasAttribute("disabled"));

        await page.ClickAsync(() => Button(page, "customers-next"));
        page.WaitForAssertion(() => Assert.Equal(ordered[20..40], CustomerIds(page)), DatabaseTimeout);
        await page.ClickAsync(() => Button(page, "customers-next"));
        page.WaitForAssertion(() => Assert.Equal(ordered[40..60], CustomerIds(page)), DatabaseTimeout);
        Assert.True(Button(page, "customers-next").HasAttribute("disabled"));

        await page.ClickAsync(() => Button(page, "customers-previous"));
        page.WaitForAssertion(() => Assert.Equal(ordered[20..40], CustomerIds(page)), DatabaseTimeout);
        await page.ClickAsync(() => Button(page, "customers-previous"));
        page.WaitForAssertion(() => Assert.Equal(ordered[..20], CustomerIds(page)), DatabaseTimeout);
        Assert.True(Button(page, "customers-previous").HasAttribute("disabled"));
        Assert.False(Button(page, "customers-next").HasAttribute("disabled"));
    }

    [Fact]
    public async Task The_home_card_shows_postgresqls_estimate_once_the_table_is_analyzed()
    {
        await Factory.InsertAsync();
        await using (var connection = new NpgsqlConnection(Factory.Database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var analyze = new NpgsqlCommand("ANALYZE customers", connection);
            await analyze.ExecuteNonQueryAsync();
        }

        var card = Render<CustomersHomeCard>();

        // ANALYZE reads all of a table this small, so the estimate is the exact figure.
        card.WaitForAssertion(() => Assert.Equal("≈ 60", card.Find("[data-testid=customers-headline]").TextContent.Trim()), DatabaseTimeout);
        Assert.Contains("about 60 customers (PostgreSQL's estimate)", card.Markup, StringComparison.Ordinal);
        Assert.Equal("customers", card.Find("a").GetAttribute("href"));
    }

    [Fact]
    public async Task The_export_link_downloads_the_current_search_in_the_current_sort()
    {
        var customers = await Factory.InsertAsync();
        var page = RenderFirstPage();

        await page.Find("input[data-testid=customer-search]").InputAsync(new Microsoft.AspNetCore.Components.ChangeEventArgs { Value = "maria" });
        await page.ClickAsync(() => SortHeader(page, "Points"));
        page.WaitForAssertion(() => Assert.Equal(
            Expected(customers.Where(c => c.FirstName == "maria"), CustomerSort.Points, descending: false), CustomerIds(page)), DatabaseTimeout);

        var link = page.Find("a[data-testid=customers-export]");
        Assert.Equal("customers.csv", link.GetAttribute("download"));
        Assert.Equal("api/customers/export?search=maria&sort_by=points&ordering=ascending", link.GetAttribute("href"));
    }

    private static IElement Button(IRenderedComponent<CustomersPage> page, string testId) => page.Find($"button[data-testid={testId}]");

    private static IElement SortHeader(IRenderedComponent<CustomersPage> page, string title) =>
        page.FindAll("th button").Single(b => b.TextContent.Trim().StartsWith(title + ",", StringComparison.Ordinal));

    private static string? SortedColumn(IRenderedComponent<CustomersPage> page, string title) =>
        SortHeader(page, title).Closest("th")!.GetAttribute("aria-sort");
}

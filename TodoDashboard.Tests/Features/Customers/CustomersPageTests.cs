using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using Npgsql;
using TodoDashboard.Features.Customers;
using TodoDashboard.Features.Customers.Generation;
using TodoDashboard.Infrastructure.LiveUpdates;
using TodoDashboard.Features.Customers.Components;

namespace TodoDashboard.Tests.Features.Customers;

/// <summary>The customers page on the known dataset: what it lists is computed from the dataset, not read back from the page.</summary>
public partial class CustomersPageTests : ComponentTestContext<CustomerDataset>
{
    public CustomersPageTests(CustomerDataset data) : base(data)
    {
        UseAppService<CustomerSearch>();
        UseAppService<CustomerGenerationService>();
        UseAppService<PostgresNotificationHub>();
        UseAppService<TimeProvider>();
        UseAppService<CustomerService>();
    }

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
    public async Task Typing_a_search_shows_exactly_the_customers_it_matches()
    {
        var customers = await Factory.InsertAsync();
        var page = RenderFirstPage();

        await Search(page).InputAsync(new ChangeEventArgs { Value = "maria" });

        var marias = Expected(customers.Where(c => c.FirstName == "maria"));
        page.WaitForAssertion(() => Assert.Equal(marias, CustomerIds(page)), DatabaseTimeout);
        Assert.Matches($"^{TimingLine()} · {marias.Count} matches$", Timing(page));
    }

    [Fact]
    public async Task A_search_with_a_nul_character_says_what_is_wrong_and_never_reaches_the_database()
    {
        await Factory.InsertAsync();
        var page = RenderFirstPage();

        await Search(page).InputAsync(new ChangeEventArgs { Value = "mar\0ia" });

        page.WaitForAssertion(() => Assert.Contains("'search'", page.Find("[data-testid=customers-error]").TextContent, StringComparison.Ordinal), DatabaseTimeout);
        Assert.DoesNotContain("22021", page.Markup, StringComparison.Ordinal);
        Assert.Empty(CustomerIds(page));
    }

    [Fact]
    public async Task A_new_search_cancels_the_running_one_whose_rows_never_show()
    {
        var customers = await Factory.InsertAsync();
        var page = RenderFirstPage();
        var bellas = Expected(customers.Where(c => c.FirstName == "Bella"));
        var marias = Expected(customers.Where(c => c.FirstName == "maria"));

        // "Bella" is read once so that it is cached; "maria" is what the page shows before the race.
        await Search(page).InputAsync(new ChangeEventArgs { Value = "Bella" });
        page.WaitForAssertion(() => Assert.Equal(bellas, CustomerIds(page)), DatabaseTimeout);
        await Search(page).InputAsync(new ChangeEventArgs { Value = "maria" });
        page.WaitForAssertion(() => Assert.Equal(marias, CustomerIds(page)), DatabaseTimeout);

        // With the table locked, a search that misses the cache waits inside PostgreSQL until something cancels it.
        await using var locker = new NpgsqlConnection(Factory.Database.ConnectionString);
        await locker.OpenAsync();
        await using var transaction = await locker.BeginTransactionAsync();
        await using (var lockTable = new NpgsqlCommand("LOCK TABLE customers IN ACCESS EXCLUSIVE MODE", locker, transaction))
        {
            await lockTable.ExecuteNonQueryAsync();
        }

        // Every render from here on may show the rows already there (faded while loading) or Bella's, nothing else.
        var renders = new ConcurrentQueue<string>();
        page.OnMarkupUpdated += (_, _) => renders.Enqueue(Shown(page));

        var superseded = Search(page).InputAsync(new ChangeEventArgs { Value = $"Chen -x{Guid.NewGuid():N}" });
        await WaitUntilAsync(async () => await QueriesWaitingForTheLockAsync(locker, transaction) == 1);
        await Search(page).InputAsync(new ChangeEventArgs { Value = "Bella" });
        page.WaitForAssertion(() => Assert.Equal(bellas, CustomerIds(page)), DatabaseTimeout);

        // The first search ends while the table is still locked: it was cancelled in PostgreSQL, not left to finish.
        await superseded.WaitAsync(DatabaseTimeout);
        Assert.Equal(0, await QueriesWaitingForTheLockAsync(locker, transaction));
        await transaction.RollbackAsync();

        Assert.Equal(bellas, CustomerIds(page));
        Assert.Contains("cached", Timing(page), StringComparison.Ordinal);
        Assert.Empty(page.FindAll(".mud-progress-linear"));
        Assert.All(renders, shown => Assert.Contains(shown, new[] { string.Join(",", marias), string.Join(",", bellas) }));
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
    public async Task Filters_narrow_the_list_to_whole_values_and_clearing_them_brings_everyone_back()
    {
        var customers = await Factory.InsertAsync();
        var page = RenderFirstPage();

        await Field(page, "City").InputAsync(new ChangeEventArgs { Value = "VIENNA" });
        await Field(page, "Min points").InputAsync(new ChangeEventArgs { Value = "500" });

        var expected = Expected(customers.Where(c => c.Address?.City == "Vienna" && c.Relationship.Points >= 500));
        Assert.NotEmpty(expected);
        page.WaitForAssertion(() => Assert.Equal(expected, CustomerIds(page)), DatabaseTimeout);

        await page.ClickAsync(() => page.FindAll("button").Single(b => b.TextContent.Trim() == "Clear filters"));
        page.WaitForAssertion(() => Assert.Equal(Expected(customers), CustomerIds(page)), DatabaseTimeout);
    }

    [Fact]
    public async Task A_search_without_matches_says_so_and_offers_to_clear_it()
    {
        var customers = await Factory.InsertAsync();
        var page = RenderFirstPage();

        await Search(page).InputAsync(new ChangeEventArgs { Value = "Xavier" });

        page.WaitForAssertion(() => Assert.Contains("No customers match", page.Find("[data-testid=customers-empty]").TextContent, StringComparison.Ordinal), DatabaseTimeout);
        Assert.Empty(CustomerIds(page));
        Assert.Matches($"^{TimingLine()} · 0 matches$", Timing(page));

        await page.ClickAsync(() => page.FindAll("button").Single(b => b.TextContent.Trim() == "Clear search and filters"));
        page.WaitForAssertion(() => Assert.Equal(Expected(customers), CustomerIds(page)), DatabaseTimeout);
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

    internal static List<string> Expected(IEnumerable<Customer> rows, CustomerSort sort = CustomerSort.Created, bool descending = true) =>
        CustomerDataset.Order(rows, sort, descending).Take(20).Select(c => c.CustomerId).ToList();

    internal static List<string> CustomerIds(IRenderedComponent<CustomersPage> page) =>
        page.FindAll("td[data-testid=customer-id]").Select(td => td.TextContent.Trim()).ToList();

    private IRenderedComponent<CustomersPage> RenderFirstPage()
    {
        var page = Render<CustomersPage>();
        page.WaitForAssertion(() => Assert.Equal(20, CustomerIds(page).Count), DatabaseTimeout);
        return page;
    }

    /// <summary>What the list shows: its customer ids, or that it shows an error or the empty state instead.</summary>
    private static string Shown(IRenderedComponent<CustomersPage> page) =>
        page.FindAll("[data-testid=customers-error]").Count > 0 ? "an error"
        : page.FindAll("[data-testid=customers-empty]").Count > 0 ? "the empty state"
        : string.Join(",", CustomerIds(page));

    private static IElement Search(IRenderedComponent<CustomersPage> page) => page.Find("input[data-testid=customer-search]");

    private static IElement Button(IRenderedComponent<CustomersPage> page, string testId) => page.Find($"button[data-testid={testId}]");

    /// <summary>The input a MudBlazor label names.</summary>
    private static IElement Field(IRenderedComponent<CustomersPage> page, string label) =>
        page.Find($"#{page.FindAll("label").Single(l => l.TextContent.Trim() == label).GetAttribute("for")}");

    private static IElement SortHeader(IRenderedComponent<CustomersPage> page, string title) =>
        page.FindAll("th button").Single(b => b.TextContent.Trim() == title);

    private static string? SortedColumn(IRenderedComponent<CustomersPage> page, string title) =>
        SortHeader(page, title).Closest("th")!.GetAttribute("aria-sort");

    private static string Timing(IRenderedComponent<CustomersPage> page) =>
        Whitespace().Replace(page.Find("[data-testid=customers-timing]").TextContent, " ").Trim();

    /// <summary>"12.3 ms · 2 queries" or "0.4 ms · cached", before the matches.</summary>
    private static string TimingLine() => @"\d[\d,]*\.\d ms · (\d+ quer(y|ies)|cached)";

    private static async Task<long> QueriesWaitingForTheLockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        await using var waiting = new NpgsqlCommand(
            "SELECT count(*) FROM pg_locks WHERE relation = 'customers'::regclass AND NOT granted", connection, transaction);
        return (long)(await waiting.ExecuteScalarAsync())!;
    }

    /// <summary>Polls a condition of the database, which tells nobody when it changes.</summary>
    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        using var timeout = new CancellationTokenSource(DatabaseTimeout);
        while (!await condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}

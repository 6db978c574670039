using System.Collections.Concurrent;
using Bunit;
using Microsoft.AspNetCore.Components;
using Npgsql;
using TodoDashboard.Features.Customers.Components;

namespace TodoDashboard.Tests.Features.Customers;

/// <summary>Searching and filtering the customers page on the known dataset: what it lists is computed from the dataset, not read back from the page.</summary>
public class CustomersPageSearchTests(CustomerDataset data) : CustomersPageTestContext(data)
{
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
    public async Task Typing_the_first_letters_of_a_name_already_shows_the_customers_it_starts()
    {
        var customers = await Factory.InsertAsync();
        var page = RenderFirstPage();

        await Search(page).InputAsync(new ChangeEventArgs { Value = "Mar" });

        var marias = Expected(customers.Where(c => c.FirstName == "maria"));
        page.WaitForAssertion(() => Assert.Equal(marias, CustomerIds(page)), DatabaseTimeout);
        Assert.Empty(page.FindAll("[data-testid=customers-empty]"));
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

    /// <summary>What the list shows: its customer ids, or that it shows an error or the empty state instead.</summary>
    private static string Shown(IRenderedComponent<CustomersPage> page) =>
        page.FindAll("[data-testid=customers-error]").Count > 0 ? "an error"
        : page.FindAll("[data-testid=customers-empty]").Count > 0 ? "the empty state"
        : string.Join(",", CustomerIds(page));

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
}

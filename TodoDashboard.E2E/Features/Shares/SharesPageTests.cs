using System.Globalization;
using TodoDashboard.E2E.Pages;

namespace TodoDashboard.E2E.Features.Shares;

// Shares are global, so prices are read as absolute figures: every test class has a database of its own.
public sealed class SharesPageTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly Regex FinishedAt = new(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$");
    private static readonly Regex Elapsed = new(@"^\d[\d,]* ms$");
    private static readonly Regex Rate = new(@"^\d[\d,]*$");
    private static readonly Regex Money = new(@"^\d[\d,]*\.\d\d$");

    [Fact]
    public async Task Generated_shares_get_one_per_run_from_a_bulk_and_then_a_sequential_update_shown_live()
    {
        var page = await app.NewPageAsync(signedIn: true);
        var shares = new SharesPage(page);

        await shares.GotoAsync();
        await Expect(shares.SharesEmpty).ToBeVisibleAsync();
        await Expect(shares.ResultsEmpty).ToBeVisibleAsync();
        await Expect(shares.LatestChangeRows).ToHaveCountAsync(0);
        await app.ScreenshotAsync(page, "shares-empty");

        await page.MarkDocumentAsync();
        await shares.GenerateAsync(10_000);
        await Expect(shares.GenerateResult).ToHaveTextAsync(new Regex(@"Created 10,000, 10,000 in all, in \d[\d,]* ms\."));
        await Expect(shares.SharesEmpty).ToHaveCountAsync(0);
        await Expect(shares.Price("Share 1")).ToHaveTextAsync("10.00");
        await Expect(shares.Price("Share 10")).ToHaveTextAsync("100.00");

        await shares.StartUpdateAsync("Bulk (set-based)");
        await shares.ExpectFinishedRunsAsync(1);
        await Expect(shares.ResultRows.First.GetByRole(AriaRole.Cell))
            .ToHaveTextAsync([new("^bulk$"), new(@"^\+1$"), new("^10,000$"), Elapsed, Rate, new("^Succeeded$"), FinishedAt]);
        await Expect(shares.Price("Share 1")).ToHaveTextAsync("11.00");

        // Row by row, 10,000 shares take seconds: long enough to see the run's progress before its result.
        await shares.StartUpdateAsync("Sequential (row by row)");
        await Expect(shares.RunProgress).ToContainTextAsync("sequential +1");
        await Expect(shares.RunProgress.GetByTestId("run-done")).ToHaveTextAsync(new Regex(@"^[\d,]+ / 10,000$"));
        await shares.ExpectFinishedRunsAsync(2);
        await Expect(shares.RunProgress).ToHaveCountAsync(0);
        await page.ExpectSameDocumentAsync();

        await Expect(shares.ResultRows.First.GetByRole(AriaRole.Cell))
            .ToHaveTextAsync([new("^sequential$"), new(@"^\+1$"), new("^10,000$"), Elapsed, Rate, new("^Succeeded$"), FinishedAt]);
        await Expect(shares.ResultRows.Nth(1).GetByRole(AriaRole.Cell).First).ToHaveTextAsync("bulk");
        await Expect(shares.Fastest).ToHaveTextAsync(new Regex(@"^Fastest on add · 10,000 shares: (bulk|sequential), \d[\d,]* rows/s \(1 run\)$"));
        await Expect(shares.StrategyRatesChart.Locator("svg").First).ToBeVisibleAsync();
        await Expect(shares.StrategyRatesChart).ToHaveAccessibleNameAsync(new Regex(@"on add · 10,000 shares.*: (bulk|sequential) [\d,]+ rows/s \(1 run\), (bulk|sequential) [\d,]+ rows/s \(1 run\)\.$"));

        await Expect(shares.Price("Share 1")).ToHaveTextAsync("12.00");
        await Expect(shares.Price("Share 10")).ToHaveTextAsync("102.00");

        await shares.OpenHistoryAsync("Share 10");
        await Expect(shares.PriceHistoryChart.Locator("svg").First).ToBeVisibleAsync();
        await Expect(shares.PriceHistorySummary).ToHaveTextAsync(new Regex(@"^Share 10: 100\.00 before, 102\.00 after 2 changes \(low 100\.00, high 102\.00\)"));
        await app.ScreenshotAsync(page, "shares-price-history");
        await shares.CloseHistoryAsync();

        // The newest changes are the sequential run's: each one a price going up by exactly 1.
        await Expect(shares.LatestChangeRows).ToHaveCountAsync(20);
        var cells = await shares.LatestChangeRows.First.GetByRole(AriaRole.Cell).AllInnerTextsAsync();
        Assert.Matches(@"^Share \d+$", cells[0]);
        Assert.Matches(Money, cells[1]);
        Assert.Equal(ParseMoney(cells[1]) + 1, ParseMoney(cells[2]));
        await app.ScreenshotAsync(page, "shares-after-runs");

        // What the page showed live is what was stored.
        await shares.GotoAsync();
        await Expect(shares.ResultRows).ToHaveCountAsync(2);
        await Expect(shares.Price("Share 1")).ToHaveTextAsync("12.00");
    }

    private static decimal ParseMoney(string text) => decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);
}

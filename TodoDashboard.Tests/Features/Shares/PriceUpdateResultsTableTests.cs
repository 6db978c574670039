using Bunit;
using TodoDashboard.Features.Shares;
using TodoDashboard.Features.Shares.Components;
using static TodoDashboard.Tests.Features.Shares.PriceRuns;

namespace TodoDashboard.Tests.Features.Shares;

[Trait("Category", "Unit")]
public class PriceUpdateResultsTableTests : MudComponentTest
{
    [Fact]
    public void Finished_runs_are_compared_and_the_fastest_strategy_is_named()
    {
        var table = Render<PriceUpdateResultsTable>(p => p.Add(t => t.Runs,
        [
            Run(PriceUpdateStrategy.Sequential, PriceUpdateStatus.Succeeded, elapsedMs: 4000),
            Run(PriceUpdateStrategy.Bulk, PriceUpdateStatus.Succeeded, elapsedMs: 100),
            Run(PriceUpdateStrategy.Parallel, PriceUpdateStatus.Processing, elapsedMs: null),
        ]));

        var rows = table.FindAll("tbody tr");
        Assert.Equal(2, rows.Count);
        Assert.Contains("sequential", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("4,000 ms", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("2,500", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("100,000", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("bulk", table.Find("[data-testid=results-fastest]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void The_fastest_is_named_among_runs_of_the_same_change_over_the_same_shares_only()
    {
        var now = DateTime.UtcNow;
        var table = Render<PriceUpdateResultsTable>(p => p.Add(t => t.Runs,
        [
            Run(PriceUpdateStrategy.Parallel, PriceUpdateStatus.Succeeded, elapsedMs: 200, finishedAt: now),
            Run(PriceUpdateStrategy.Bulk, PriceUpdateStatus.Succeeded, elapsedMs: 100, change: PriceChangeKind.Percent, finishedAt: now.AddMinutes(-1)),
            Run(PriceUpdateStrategy.Bulk, PriceUpdateStatus.Succeeded, elapsedMs: 10, shares: 100, finishedAt: now.AddMinutes(-2)),
            Run(PriceUpdateStrategy.Sequential, PriceUpdateStatus.Succeeded, elapsedMs: 4000, finishedAt: now.AddMinutes(-3)),
        ]));

        Assert.Equal("Fastest on add · 10,000 shares: parallel, 50,000 rows/s (1 run)",
            table.Find("[data-testid=results-fastest]").TextContent.Trim());
        Assert.Equal("Rows per second by strategy on add · 10,000 shares, the median of each strategy's succeeded runs: "
            + "parallel 50,000 rows/s (1 run), sequential 2,500 rows/s (1 run).", table.Find("[data-testid=strategy-rates-summary]").TextContent.Trim());
        Assert.NotNull(table.Find("[data-testid=strategy-rates-chart]").QuerySelector("svg"));
        Assert.Equal(4, table.FindAll("tbody tr").Count);
    }

    [Fact]
    public async Task Picking_another_group_charts_its_runs_alone()
    {
        var now = DateTime.UtcNow;
        var table = Render<PriceUpdateResultsTable>(p => p.Add(t => t.Runs,
        [
            Run(PriceUpdateStrategy.Parallel, PriceUpdateStatus.Succeeded, elapsedMs: 200, finishedAt: now),
            Run(PriceUpdateStrategy.Bulk, PriceUpdateStatus.Succeeded, elapsedMs: 100, change: PriceChangeKind.Percent, finishedAt: now.AddMinutes(-1)),
            Run(PriceUpdateStrategy.Bulk, PriceUpdateStatus.Succeeded, elapsedMs: 50, change: PriceChangeKind.Percent, finishedAt: now.AddMinutes(-2)),
            Run(PriceUpdateStrategy.Bulk, PriceUpdateStatus.Succeeded, elapsedMs: 125, change: PriceChangeKind.Percent, finishedAt: now.AddMinutes(-3)),
        ]));

        await table.InvokeAsync(() => table.FindComponent<MudBlazor.MudSelect<PriceUpdateGroup>>().Instance
            .ValueChanged.InvokeAsync(new PriceUpdateGroup(PriceChangeKind.Percent, 10_000)));

        Assert.Equal("Only bulk has run on percent · 10,000 shares so far: 100,000 rows/s (median of 3 runs). Run another strategy on it to compare.",
            table.Find("[data-testid=results-fastest]").TextContent.Trim());
    }

    [Fact]
    public void With_no_finished_run_it_says_so()
    {
        var table = Render<PriceUpdateResultsTable>(p => p.Add(t => t.Runs, [Run(PriceUpdateStrategy.Bulk, PriceUpdateStatus.Queued, null)]));

        Assert.Contains("No finished runs yet", table.Find("[data-testid=results-empty]").TextContent, StringComparison.Ordinal);
        Assert.Empty(table.FindAll("[data-testid=results-fastest]"));
    }

    [Fact]
    public void A_failed_run_shows_its_reason_beside_its_status()
    {
        const string reason = "Stopped after changing 7,000 of 10,000 shares, which keep their new prices; the other 3,000 keep their old ones.";
        var table = Render<PriceUpdateResultsTable>(p => p.Add(t => t.Runs,
        [
            Run(PriceUpdateStrategy.Bulk, PriceUpdateStatus.Failed, elapsedMs: 100, reason),
            Run(PriceUpdateStrategy.Bulk, PriceUpdateStatus.Succeeded, elapsedMs: 100),
        ]));

        var rows = table.FindAll("tbody tr");
        Assert.Equal("Failed", rows[0].QuerySelector("[data-testid=result-status]")!.TextContent.Trim());
        Assert.Equal(reason, rows[0].QuerySelector("[data-testid=result-error]")!.TextContent.Trim());
        Assert.Null(rows[1].QuerySelector("[data-testid=result-error]"));
    }
}

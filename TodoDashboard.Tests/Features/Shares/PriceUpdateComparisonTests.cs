using TodoDashboard.Features.Shares;
using static TodoDashboard.Tests.Features.Shares.PriceRuns;

namespace TodoDashboard.Tests.Features.Shares;

[Trait("Category", "Unit")]
public class PriceUpdateComparisonTests
{
    private static readonly DateTime Now = DateTime.UtcNow;

    [Fact]
    public void Groups_are_the_change_and_share_count_of_succeeded_runs_the_latest_finished_first()
    {
        var groups = PriceUpdateComparison.Groups(
        [
            Run(PriceUpdateStrategy.Bulk, PriceUpdateStatus.Succeeded, 100, finishedAt: Now.AddMinutes(-5)),
            Run(PriceUpdateStrategy.Bulk, PriceUpdateStatus.Succeeded, 100, change: PriceChangeKind.RandomWalk, finishedAt: Now.AddMinutes(-1)),
            Run(PriceUpdateStrategy.Parallel, PriceUpdateStatus.Succeeded, 100, shares: 500, finishedAt: Now.AddMinutes(-3)),
            Run(PriceUpdateStrategy.Sequential, PriceUpdateStatus.Succeeded, 100, finishedAt: Now.AddMinutes(-2)),
            Run(PriceUpdateStrategy.Bulk, PriceUpdateStatus.Failed, 100, change: PriceChangeKind.Percent, finishedAt: Now),
        ]);

        Assert.Equal(
            [new(PriceChangeKind.RandomWalk, 10_000), new(PriceChangeKind.Add, 10_000), new(PriceChangeKind.Add, 500)],
            groups);
        Assert.Equal(["random walk · 10,000 shares", "add · 10,000 shares", "add · 500 shares"], groups.Select(g => g.Label));
    }

    [Fact]
    public void Rates_are_each_strategys_median_within_the_group_fastest_first()
    {
        var rates = PriceUpdateComparison.Rates(
        [
            Run(PriceUpdateStrategy.Sequential, PriceUpdateStatus.Succeeded, 4000),
            Run(PriceUpdateStrategy.Bulk, PriceUpdateStatus.Succeeded, 100),
            Run(PriceUpdateStrategy.Bulk, PriceUpdateStatus.Succeeded, 400),
            Run(PriceUpdateStrategy.Bulk, PriceUpdateStatus.Succeeded, 200),
            Run(PriceUpdateStrategy.Parallel, PriceUpdateStatus.Succeeded, 10, change: PriceChangeKind.Percent),
            Run(PriceUpdateStrategy.Parallel, PriceUpdateStatus.Succeeded, 10, shares: 100),
            Run(PriceUpdateStrategy.Parallel, PriceUpdateStatus.Cancelled, 10),
        ], new PriceUpdateGroup(PriceChangeKind.Add, 10_000));

        Assert.Equal([PriceUpdateStrategy.Bulk, PriceUpdateStrategy.Sequential], rates.Select(r => r.Strategy));
        Assert.Equal((3, 50_000), (rates[0].RowsPerSecond.Count, rates[0].RowsPerSecond.Median));
        Assert.Equal(100_000, rates[0].RowsPerSecond.Max);
        Assert.Equal(2_500, rates[1].RowsPerSecond.Median);
    }
}

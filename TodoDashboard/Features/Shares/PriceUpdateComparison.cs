using System.Globalization;
using TodoDashboard.Infrastructure.Statistics;

namespace TodoDashboard.Features.Shares;

/// <summary>Runs that can be compared: the same kind of change over the same number of shares.</summary>
public sealed record PriceUpdateGroup(PriceChangeKind Change, int Shares)
{
    public static PriceUpdateGroup Of(PriceUpdateRunResponse run) => new(run.Change, run.Total);

    public string Label => $"{ChangeName(Change)} · {Shares.ToString("N0", CultureInfo.CurrentCulture)} shares";

    public static string ChangeName(PriceChangeKind change) => change switch
    {
        PriceChangeKind.RandomWalk => "random walk",
        _ => change.ToString().ToLowerInvariant(),
    };
}

/// <summary>One strategy's rows per second over its runs in a group.</summary>
public sealed record StrategyRate(PriceUpdateStrategy Strategy, FiveNumberSummary RowsPerSecond);

/// <summary>
/// Rows per second compare only like with like: a random walk computes a step per row where an add does not, and
/// 100 shares measure start-up more than throughput. Only succeeded runs count, each strategy by its median.
/// </summary>
public static class PriceUpdateComparison
{
    /// <summary>The groups that have succeeded runs, the one with the most recently finished run first.</summary>
    public static IReadOnlyList<PriceUpdateGroup> Groups(IEnumerable<PriceUpdateRunResponse> runs) =>
        Comparable(runs).GroupBy(PriceUpdateGroup.Of)
            .OrderByDescending(g => g.Max(r => r.FinishedAt))
            .Select(g => g.Key).ToList();

    /// <summary>Each strategy that succeeded in <paramref name="group"/>, fastest median first.</summary>
    public static IReadOnlyList<StrategyRate> Rates(IEnumerable<PriceUpdateRunResponse> runs, PriceUpdateGroup group) =>
        Comparable(runs).Where(r => PriceUpdateGroup.Of(r) == group)
            .GroupBy(r => r.Strategy)
            .Select(g => new StrategyRate(g.Key, FiveNumberSummary.Of(g.Select(r => r.RowsPerSecond!.Value))))
            .OrderByDescending(r => r.RowsPerSecond.Median).ThenBy(r => r.Strategy)
            .ToList();

    private static IEnumerable<PriceUpdateRunResponse> Comparable(IEnumerable<PriceUpdateRunResponse> runs) =>
        runs.Where(r => r.Status == PriceUpdateStatus.Succeeded && r.RowsPerSecond is not null);
}

namespace TodoDashboard.Infrastructure.Statistics;

/// <summary>
/// The spread of repeated measurements: smallest, 25th percentile, median, 75th percentile and largest of
/// <see cref="Count"/> values. Percentiles interpolate linearly between the closest ranks (numpy's and Excel's
/// PERCENTILE.INC default), so the median of an even count is the mean of the middle two.
/// </summary>
public sealed record FiveNumberSummary(int Count, double Min, double P25, double Median, double P75, double Max)
{
    /// <summary>The summary of one or more values; an empty sequence has none.</summary>
    public static FiveNumberSummary Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            throw new ArgumentException("A summary needs at least one value.", nameof(values));
        }

        return new(sorted.Length, sorted[0], Percentile(sorted, 0.25), Percentile(sorted, 0.5), Percentile(sorted, 0.75), sorted[^1]);
    }

    private static double Percentile(double[] sorted, double fraction)
    {
        var rank = fraction * (sorted.Length - 1);
        var below = (int)Math.Floor(rank);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + ((rank - below) * (sorted[above] - sorted[below]));
    }
}

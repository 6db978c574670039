using TodoDashboard.Features.Todos;

namespace TodoDashboard.Tests.Features.Todos;

[Trait("Category", "Unit")]
public class StatsComparisonTests
{
    [Fact]
    public void The_mode_with_the_lower_median_is_faster_by_the_ratio_of_the_medians()
    {
        var comparison = StatsComparison.Of(Timings(median: 2.8), Timings(median: 1.2), sameResults: true);

        Assert.Equal(StatsMode.Parallel, comparison.Faster);
        Assert.Equal(2.8 / 1.2, comparison.MedianRatio, 10);
        Assert.True(comparison.ClearDifference);
    }

    [Fact]
    public void Sequential_is_faster_when_its_median_is_lower()
    {
        var comparison = StatsComparison.Of(Timings(median: 1), Timings(median: 3), sameResults: true);

        Assert.Equal(StatsMode.Sequential, comparison.Faster);
        Assert.Equal(3, comparison.MedianRatio, 10);
    }

    [Theory]
    [InlineData(1.0, 1.09, false)]
    [InlineData(1.09, 1.0, false)]
    [InlineData(1.0, 1.1, true)]
    [InlineData(1.0, 1.0, false)]
    public void Medians_within_ten_percent_of_each_other_are_no_clear_difference(double sequential, double parallel, bool clear)
    {
        Assert.Equal(clear, StatsComparison.Of(Timings(sequential), Timings(parallel), sameResults: true).ClearDifference);
    }

    [Fact]
    public void Timings_summarise_the_elapsed_times_of_the_runs()
    {
        Assert.Equal(new StatsTimings(4, 1, 1.75, 2.5, 3.25, 4), StatsTimings.Of([3, 1, 4, 2]));
    }

    private static StatsTimings Timings(double median) => new(5, median / 2, median * 0.9, median, median * 1.1, median * 2);
}

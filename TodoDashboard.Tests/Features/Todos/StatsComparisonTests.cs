using TodoDashboard.Features.Todos;

namespace TodoDashboard.Tests.Features.Todos;

[Trait("Category", "Unit")]
public class StatsComparisonTests
{
    [Fact]
    public void The_mode_with_the_lowest_median_is_faster_than_the_runner_up_by_the_ratio_of_their_medians()
    {
        var comparison = StatsComparison.Of(Timings(median: 2.8), Timings(median: 1.2), Timings(median: 0.6), sameResults: true);

        Assert.Equal((StatsMode.Single, StatsMode.Parallel), (comparison.Faster, comparison.RunnerUp));
        Assert.Equal(1.2 / 0.6, comparison.MedianRatio, 10);
        Assert.True(comparison.ClearDifference);
    }

    [Theory]
    [InlineData(1, 3, 2, StatsMode.Sequential, StatsMode.Single, 2)]
    [InlineData(3, 1, 2, StatsMode.Parallel, StatsMode.Single, 2)]
    [InlineData(2, 4, 1, StatsMode.Single, StatsMode.Sequential, 2)]
    public void Any_mode_can_be_the_fastest_and_any_the_runner_up(
        double sequential, double parallel, double oneStatement, StatsMode faster, StatsMode runnerUp, double ratio)
    {
        var comparison = StatsComparison.Of(Timings(sequential), Timings(parallel), Timings(oneStatement), sameResults: true);

        Assert.Equal((faster, runnerUp), (comparison.Faster, comparison.RunnerUp));
        Assert.Equal(ratio, comparison.MedianRatio, 10);
    }

    [Fact]
    public void Equal_medians_keep_the_listed_order()
    {
        var comparison = StatsComparison.Of(Timings(1), Timings(1), Timings(1), sameResults: true);

        Assert.Equal((StatsMode.Sequential, StatsMode.Parallel), (comparison.Faster, comparison.RunnerUp));
        Assert.False(comparison.ClearDifference);
    }

    [Theory]
    [InlineData(1.0, 1.09, false)]
    [InlineData(1.09, 1.0, false)]
    [InlineData(1.0, 1.1, true)]
    [InlineData(1.0, 1.0, false)]
    public void Medians_of_the_two_fastest_within_ten_percent_of_each_other_are_no_clear_difference(double sequential, double parallel, bool clear)
    {
        Assert.Equal(clear, StatsComparison.Of(Timings(sequential), Timings(parallel), Timings(10), sameResults: true).ClearDifference);
    }

    [Fact]
    public void For_gives_each_mode_its_own_timings()
    {
        var comparison = StatsComparison.Of(Timings(1), Timings(2), Timings(3), sameResults: true);

        Assert.Equal([1.0, 2.0, 3.0], StatsComparison.Modes.Select(m => comparison.For(m).MedianMs));
    }

    [Fact]
    public void Timings_summarise_the_elapsed_times_of_the_runs()
    {
        Assert.Equal(new StatsTimings(4, 1, 1.75, 2.5, 3.25, 4), StatsTimings.Of([3, 1, 4, 2]));
    }

    private static StatsTimings Timings(double median) => new(5, median / 2, median * 0.9, median, median * 1.1, median * 2);
}

using TodoDashboard.Infrastructure.Statistics;

namespace TodoDashboard.Tests.Infrastructure.Statistics;

[Trait("Category", "Unit")]
public class FiveNumberSummaryTests
{
    [Fact]
    public void Quartiles_interpolate_between_the_closest_ranks_of_the_sorted_values()
    {
        var summary = FiveNumberSummary.Of([9, 1, 5, 3, 7]);

        Assert.Equal(new FiveNumberSummary(5, 1, 3, 5, 7, 9), summary);
    }

    [Fact]
    public void The_median_of_an_even_count_is_the_mean_of_the_middle_two()
    {
        var summary = FiveNumberSummary.Of([4, 1, 3, 2]);

        Assert.Equal(2.5, summary.Median);
        Assert.Equal(1.75, summary.P25);
        Assert.Equal(3.25, summary.P75);
        Assert.Equal((1, 4), (summary.Min, summary.Max));
    }

    [Fact]
    public void A_single_value_is_every_figure_of_its_summary()
    {
        Assert.Equal(new FiveNumberSummary(1, 2.5, 2.5, 2.5, 2.5, 2.5), FiveNumberSummary.Of([2.5]));
    }

    [Fact]
    public void No_values_have_no_summary()
    {
        Assert.Throws<ArgumentException>(() => FiveNumberSummary.Of([]));
    }
}

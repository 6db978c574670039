using System.Globalization;
using TodoDashboard.Features.Shares;

namespace TodoDashboard.Tests.Features.Shares;

/// <summary>The one price function every strategy applies: its multiplier, its per-share step, and the bounds the check assumes.</summary>
[Trait("Category", "Unit")]
public class PriceChangeFunctionTests
{
    public static TheoryData<decimal> Amounts { get; } = new() { 1m, -2.5m, 0m, Share.MaxPrice };

    public static TheoryData<decimal, decimal> Percentages { get; } = new()
    {
        { 10m, 1.1m }, { 12.5m, 1.125m }, { -50m, 0.5m }, { 100m, 2m }, { -99.99m, 0.0001m },
    };

    public static TheoryData<decimal> Steps { get; } = new() { 0.01m, 1m, Share.MaxPrice };

    [Theory]
    [MemberData(nameof(Amounts))]
    public void Adding_moves_every_share_by_the_amount_and_its_bounds_are_that_amount(decimal amount)
    {
        var change = PriceChangeFunction.For(PriceChangeKind.Add, amount, seed: 7);

        Assert.Equal(1m, change.Multiplier);
        Assert.All(new[] { 1, 2, int.MaxValue }, id => Assert.Equal(amount, change.Delta(id)));
        Assert.Equal((amount, amount), (change.LowestDelta, change.HighestDelta));
    }

    [Theory]
    [MemberData(nameof(Percentages))]
    public void A_percentage_is_a_multiplier_with_no_step(decimal percent, decimal multiplier)
    {
        var change = PriceChangeFunction.For(PriceChangeKind.Percent, percent, seed: 7);

        Assert.Equal(multiplier, change.Multiplier);
        Assert.Equal(0m, change.Delta(42));
        Assert.Equal((0m, 0m), (change.LowestDelta, change.HighestDelta));
    }

    [Fact]
    public void A_random_walk_draws_the_same_step_for_a_share_whatever_computes_it_and_another_seed_draws_others()
    {
        var first = PriceChangeFunction.For(PriceChangeKind.RandomWalk, 5, seed: 42);
        var again = PriceChangeFunction.For(PriceChangeKind.RandomWalk, 5, seed: 42);
        var other = PriceChangeFunction.For(PriceChangeKind.RandomWalk, 5, seed: 43);
        var ids = Enumerable.Range(1, 200).ToList();

        Assert.Equal(ids.Select(first.Delta), ids.Select(again.Delta));
        Assert.NotEqual(ids.Select(first.Delta), ids.Select(other.Delta));
        Assert.Equal(1m, first.Multiplier);
    }

    // Pinned: a run resumed by a newer build, or on another instance, must draw the steps its first attempt drew.
    [Theory]
    [InlineData(42, 1, "-1.75")]
    [InlineData(42, 2, "-4.14")]
    [InlineData(0, 0, "7.67")]
    [InlineData(-1, int.MaxValue, "5.05")]
    public void A_random_walks_steps_are_the_ones_every_earlier_build_drew(int seed, int id, string step) =>
        Assert.Equal(decimal.Parse(step, CultureInfo.InvariantCulture), PriceChangeFunction.For(PriceChangeKind.RandomWalk, 10, seed).Delta(id));

    [Theory]
    [MemberData(nameof(Steps))]
    public void A_random_walks_steps_stay_within_the_amount_in_cents_and_go_both_ways(decimal amount)
    {
        var change = PriceChangeFunction.For(PriceChangeKind.RandomWalk, amount, seed: int.MinValue);
        var steps = Enumerable.Range(int.MaxValue - 2000, 2001).Select(change.Delta).ToList();

        Assert.Equal((-amount, amount), (change.LowestDelta, change.HighestDelta));
        Assert.All(steps, step => Assert.InRange(step, -amount, amount));
        Assert.All(steps, step => Assert.Equal(decimal.Round(step, 2), step));
        Assert.Contains(steps, step => step < 0);
        Assert.Contains(steps, step => step > 0);
    }
}

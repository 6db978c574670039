using TodoDashboard.Features.Shares;
using TodoDashboard.Infrastructure.Validation;

namespace TodoDashboard.Tests.Features.Shares;

/// <summary>A price update's amount, checked on the request alone (the shares are checked when the run starts).</summary>
[Trait("Category", "Unit")]
public class StartPriceUpdateRequestTests
{
    public static TheoryData<PriceChangeKind, decimal> Accepted { get; } = new()
    {
        { PriceChangeKind.Percent, -99.99m }, { PriceChangeKind.Percent, 100m }, { PriceChangeKind.Percent, 0m },
        { PriceChangeKind.RandomWalk, 0.01m }, { PriceChangeKind.RandomWalk, Share.MaxPrice },
        { PriceChangeKind.Add, -Share.MaxPrice }, { PriceChangeKind.Add, Share.MaxPrice }, { PriceChangeKind.Add, 0m },
    };

    public static TheoryData<PriceChangeKind, decimal, string> Refused { get; } = new()
    {
        { PriceChangeKind.Percent, -100m, "A percentage change must be above -100 and at most 100." },
        { PriceChangeKind.Percent, 100.01m, "A percentage change must be above -100 and at most 100." },
        { PriceChangeKind.RandomWalk, 0m, "A random walk needs a maximum step above 0 and at most 99,999,999.99." },
        { PriceChangeKind.RandomWalk, -1m, "A random walk needs a maximum step above 0 and at most 99,999,999.99." },
        { PriceChangeKind.RandomWalk, Share.MaxPrice + 0.01m, "A random walk needs a maximum step above 0 and at most 99,999,999.99." },
        { PriceChangeKind.Add, -Share.MaxPrice - 0.01m, "An added amount must be between -99,999,999.99 and 99,999,999.99, what a price can hold." },
        { PriceChangeKind.Add, 0.001m, "The amount has at most two decimals." },
        { PriceChangeKind.Percent, 12.345m, "The amount has at most two decimals." },
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void An_amount_within_its_changes_range_in_cents_is_accepted(PriceChangeKind change, decimal amount) =>
        Assert.Empty(Errors(change, amount));

    [Theory]
    [MemberData(nameof(Refused))]
    public void An_amount_outside_its_changes_range_or_finer_than_cents_is_refused_on_the_amount(PriceChangeKind change, decimal amount, string message) =>
        Assert.Equal(new Dictionary<string, string[]> { ["Amount"] = [message] }, Errors(change, amount));

    [Fact]
    public void A_request_without_a_strategy_is_refused_whatever_its_amount() =>
        Assert.Contains(nameof(StartPriceUpdateRequest.Strategy), RequestValidation.Errors(new StartPriceUpdateRequest()).Keys);

    private static IReadOnlyDictionary<string, string[]> Errors(PriceChangeKind change, decimal amount) =>
        RequestValidation.Errors(new StartPriceUpdateRequest { Strategy = PriceUpdateStrategy.Bulk, Change = change, Amount = amount });
}

using TodoDashboard.Features.Shares;
using TodoDashboard.Features.Todos;
using TodoDashboard.Infrastructure.Validation;

namespace TodoDashboard.Tests.Infrastructure.Validation;

/// <summary>How a query-string choice binds: an enum's names in any case, and nothing else.</summary>
[Trait("Category", "Unit")]
public class EnumChoiceTests
{
    [Theory]
    [InlineData("sequential", StatsMode.Sequential)]
    [InlineData("Sequential", StatsMode.Sequential)]
    [InlineData("PARALLEL", StatsMode.Parallel)]
    [InlineData("pArAlLeL", StatsMode.Parallel)]
    public void A_name_binds_in_any_case(string text, StatsMode expected)
    {
        Assert.True(EnumChoice<StatsMode>.TryParse(text, null, out var choice));
        Assert.Equal(expected, (StatsMode)choice);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData("-1")]
    [InlineData("7")]
    [InlineData("sequentially")]
    [InlineData("seq")]
    [InlineData("+1")]
    [InlineData(" 1")]
    [InlineData(" sequential")]
    [InlineData("Sequential,Parallel")]
    public void Numbers_unknown_names_and_blanks_do_not_bind(string? text)
    {
        Assert.False(EnumChoice<StatsMode>.TryParse(text, null, out var choice));
        Assert.Equal(default, choice);
    }

    [Fact]
    public void A_camel_case_name_binds_whole_and_reads_back_as_the_enums_own_name()
    {
        Assert.True(EnumChoice<PriceChangeKind>.TryParse("randomwalk", null, out var change));
        Assert.True(EnumChoice<ShareSort>.TryParse("updatedAt", null, out var sort));

        Assert.Equal(PriceChangeKind.RandomWalk, change.Value);
        Assert.Equal("RandomWalk", change.ToString());
        Assert.Equal(ShareSort.UpdatedAt, (ShareSort)sort);
        Assert.False(EnumChoice<ShareSort>.TryParse("updated_at", null, out _));
    }

    [Fact]
    public void Every_value_binds_from_its_own_name_lower_cased()
    {
        Assert.All(Enum.GetValues<TodoFilter>(), filter =>
        {
            Assert.True(EnumChoice<TodoFilter>.TryParse(filter.ToString().ToLowerInvariant(), null, out var choice));
            Assert.Equal(filter, choice.Value);
        });
    }
}

using TodoDashboard.Features.Operations.Components;

namespace TodoDashboard.Tests.Features.Operations;

[Trait("Category", "Unit")]
public class ClusterDisplayTests
{
    private static readonly DateTime Now = new(2026, 12, 2, 12, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(0.4, "just now")]
    [InlineData(-3, "just now")]
    [InlineData(59.9, "59 s ago")]
    [InlineData(60, "1 min ago")]
    [InlineData(3599, "59 min ago")]
    [InlineData(7300, "2 h ago")]
    public void A_sign_of_life_is_told_as_how_long_ago_it_was(double secondsAgo, string expected) =>
        Assert.Equal(expected, ClusterDisplay.Ago(Now.AddSeconds(-secondsAgo), Now));

    [Theory]
    [InlineData("1.0.0+c659aeefafa214fdd0c0d4583005fd7bf0e788bb", "1.0.0+c659aee")]
    [InlineData("1.0.0+c659aee", "1.0.0+c659aee")]
    [InlineData("2.1.0", "2.1.0")]
    [InlineData(null, null)]
    public void A_version_keeps_seven_characters_of_its_source_revision(string? version, string? shown) =>
        Assert.Equal(shown, ClusterDisplay.ShortVersion(version));
}

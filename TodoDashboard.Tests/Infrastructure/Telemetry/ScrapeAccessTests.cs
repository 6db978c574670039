using System.Net;
using Microsoft.Extensions.Configuration;
using TodoDashboard.Infrastructure.Telemetry;

namespace TodoDashboard.Tests.Infrastructure.Telemetry;

[Trait("Category", "Unit")]
public class ScrapeAccessTests
{
    [Fact]
    public void The_allowed_networks_are_read_from_a_comma_separated_setting_or_a_list()
    {
        var commaSeparated = ScrapeAccess.AllowedNetworks(Configuration(new() { [ScrapeAccess.AllowedNetworksSetting] = "10.0.0.0/8, 2001:db8::/32" }));
        var list = ScrapeAccess.AllowedNetworks(Configuration(new()
        {
            [$"{ScrapeAccess.AllowedNetworksSetting}:0"] = "10.0.0.0/8",
            [$"{ScrapeAccess.AllowedNetworksSetting}:1"] = "2001:db8::/32",
        }));

        Assert.Equal(["10.0.0.0/8", "2001:db8::/32"], commaSeparated.Select(n => n.ToString()));
        Assert.Equal(commaSeparated, list);
        Assert.Empty(ScrapeAccess.AllowedNetworks(Configuration(new())));
    }

    [Fact]
    public void An_entry_that_is_not_a_network_stops_the_app_naming_the_setting()
    {
        var refused = Assert.Throws<InvalidOperationException>(() =>
            ScrapeAccess.AllowedNetworks(Configuration(new() { [ScrapeAccess.AllowedNetworksSetting] = "10.0.0.0/8,10.0.0.300/32" })));

        Assert.Contains(ScrapeAccess.AllowedNetworksSetting, refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10.0.0.1", true)]
    [InlineData("::ffff:10.0.0.1", true)]
    [InlineData("11.0.0.1", false)]
    [InlineData("2001:db8::5", true)]
    [InlineData("::1", false)]
    public void A_caller_is_allowed_when_an_allowed_network_contains_its_address(string address, bool allowed)
    {
        IReadOnlyList<System.Net.IPNetwork> networks = [System.Net.IPNetwork.Parse("10.0.0.0/8"), System.Net.IPNetwork.Parse("2001:db8::/32")];

        Assert.Equal(allowed, ScrapeAccess.IsAllowed(networks, IPAddress.Parse(address)));
    }

    [Fact]
    public void A_caller_without_an_address_is_not_allowed()
    {
        Assert.False(ScrapeAccess.IsAllowed([System.Net.IPNetwork.Parse("0.0.0.0/0")], null));
    }

    private static IConfiguration Configuration(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
}

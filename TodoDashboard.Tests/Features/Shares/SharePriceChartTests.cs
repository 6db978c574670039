using Bunit;
using MudBlazor;
using TodoDashboard.Features.Shares;
using TodoDashboard.Features.Shares.Components;

namespace TodoDashboard.Tests.Features.Shares;

[Trait("Category", "Unit")]
public class SharePriceChartTests : MudComponentTest
{
    private static readonly DateTime Start = new(2026, 12, 2, 9, 0, 0, DateTimeKind.Utc);

    private static readonly ShareResponse Share = new(3, "Share 3", 34m, Start.AddDays(-1), Start.AddMinutes(3));

    [Fact]
    public void A_share_without_changes_says_it_is_still_at_its_price_and_draws_no_chart()
    {
        var chart = Render<SharePriceChart>(p => p.Add(c => c.Share, Share with { Price = 30m }).Add(c => c.Changes, []));

        Assert.Equal("No price changes yet: Share 3 is still at 30.00.", chart.Find("[data-testid=price-history-empty]").TextContent.Trim());
        Assert.Empty(chart.FindAll("[data-testid=price-history-chart]"));
    }

    [Fact]
    public void The_line_runs_from_the_price_before_the_first_change_through_each_change_oldest_first()
    {
        var chart = Render<SharePriceChart>(p => p.Add(c => c.Share, Share).Add(c => c.Changes, Changes(30m, 31m, 29.5m, 34m)));

        var line = chart.FindComponent<MudChart<double>>().Instance;
        Assert.Equal(ChartType.Line, line.ChartType);
        Assert.Equal([30, 31, 29.5, 34], line.ChartSeries.Single().Data.Values.Select(v => (double)v!).ToArray());
        Assert.Equal(["before", "09:01:00", "09:02:00", "09:03:00"], line.ChartLabels);
        Assert.NotNull(chart.Find("[data-testid=price-history-chart]").QuerySelector("svg"));
        Assert.Equal("Share 3: 30.00 before, 34.00 after 3 changes (low 29.50, high 34.00); the latest on 2026-12-02 09:03:00 UTC.",
            chart.Find("[data-testid=price-history-summary]").TextContent.Trim());
    }

    [Fact]
    public void The_table_below_lists_the_latest_changes_newest_first()
    {
        var chart = Render<SharePriceChart>(p => p.Add(c => c.Share, Share).Add(c => c.Changes, Changes(30m, 31m, 29.5m, 34m)));

        var rows = chart.FindAll("[data-testid=price-history-latest] tbody tr")
            .Select(r => string.Join(" | ", r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()))).ToArray();
        Assert.Equal(
        [
            "2026-12-02 09:03:00 | 29.50 | 34.00 | +4.50",
            "2026-12-02 09:02:00 | 31.00 | 29.50 | -1.50",
            "2026-12-02 09:01:00 | 30.00 | 31.00 | +1.00",
        ], rows);
    }

    [Fact]
    public void Only_the_latest_few_changes_are_listed_below_a_long_history()
    {
        var prices = Enumerable.Range(0, 12).Select(i => 30m + i).ToArray();

        var chart = Render<SharePriceChart>(p => p.Add(c => c.Share, Share).Add(c => c.Changes, Changes(prices)));

        Assert.Equal(SharePriceChart.LatestRows, chart.FindAll("[data-testid=price-history-latest] tbody tr").Count);
        Assert.Equal(12, chart.FindComponent<MudChart<double>>().Instance.ChartSeries.Single().Data.Values.Count);
    }

    /// <summary>The changes from the first price through each next one, a minute apart, newest first as the service answers.</summary>
    private static PriceChangeResponse[] Changes(params decimal[] prices) =>
        prices.Skip(1).Select((price, i) => new PriceChangeResponse(
            i + 1, Guid.NewGuid(), Share.Id, Share.Name, prices[i], price, Start.AddMinutes(i + 1))).Reverse().ToArray();
}

using Bunit;
using MudBlazor;
using TodoDashboard.Features.Todos;
using TodoDashboard.Features.Todos.Components;

namespace TodoDashboard.Tests.Features.Todos;

[Trait("Category", "Unit")]
public class TodoStatsChartTests : MudComponentTest
{
    [Fact]
    public void A_clear_difference_names_the_faster_mode_and_by_how_much()
    {
        var chart = Render(sequential: new(10, 2.1, 2.5, 2.8, 3.4, 6.0), parallel: new(10, 0.9, 1.1, 1.2, 1.4, 2.2), single: new(10, 4.0, 4.2, 4.5, 4.8, 9.0));

        Assert.Equal("Scatter-gather is 2.3× faster than sequential, the next fastest (median 1.2 ms vs 2.8 ms over 10 runs each).",
            chart.Find("[data-testid=stats-verdict]").TextContent.Trim());
    }

    [Fact]
    public void Sequential_can_be_the_faster_one()
    {
        var chart = Render(sequential: new(3, 0.4, 0.45, 0.5, 0.55, 0.6), parallel: new(3, 1.5, 1.6, 2.0, 2.1, 2.5), single: new(3, 2, 2.5, 3, 3.5, 4));

        Assert.Equal("Sequential is 4.0× faster than scatter-gather, the next fastest (median 0.50 ms vs 2.0 ms over 3 runs each).",
            chart.Find("[data-testid=stats-verdict]").TextContent.Trim());
    }

    [Fact]
    public void One_statement_can_be_the_faster_one()
    {
        var chart = Render(sequential: new(5, 2, 2.5, 3, 3.5, 4), parallel: new(5, 1.5, 1.6, 2.0, 2.1, 2.5), single: new(5, 0.7, 0.75, 0.8, 0.85, 0.9));

        Assert.Equal("One statement is 2.5× faster than scatter-gather, the next fastest (median 0.80 ms vs 2.0 ms over 5 runs each).",
            chart.Find("[data-testid=stats-verdict]").TextContent.Trim());
    }

    [Fact]
    public void Medians_within_ten_percent_are_no_clear_difference()
    {
        var chart = Render(sequential: new(1, 1.22, 1.22, 1.22, 1.22, 1.22), parallel: new(1, 1.3, 1.3, 1.3, 1.3, 1.3), single: new(1, 5, 5, 5, 5, 5));

        Assert.Equal("No clear difference between sequential and scatter-gather, the two fastest (median 1.2 ms vs 1.3 ms over 1 run each).",
            chart.Find("[data-testid=stats-verdict]").TextContent.Trim());
    }

    [Fact]
    public void The_table_beside_the_chart_has_every_figure_of_each_mode()
    {
        // Runs, fastest, P25–P75, median and slowest, top to bottom.
        var chart = Render(sequential: new(10, 2.1, 2.5, 2.8, 3.4, 6.0), parallel: new(10, 0.9, 1.1, 1.2, 1.4, 123.4), single: new(10, 0.3, 0.35, 0.4, 0.45, 0.5));

        Assert.Equal(["10", "2.1", "2.5–3.4", "2.8", "6.0"], Cells(chart, "sequential"));
        Assert.Equal(["10", "0.90", "1.1–1.4", "1.2", "123"], Cells(chart, "parallel"));
        Assert.Equal(["10", "0.30", "0.35–0.45", "0.40", "0.50"], Cells(chart, "single"));
    }

    [Fact]
    public void The_chart_draws_fastest_median_and_slowest_bars_for_each_mode_named_by_the_verdict()
    {
        var chart = Render(sequential: new(10, 2.1, 2.5, 2.8, 3.4, 6.0), parallel: new(10, 0.9, 1.1, 1.2, 1.4, 2.2), single: new(10, 0.3, 0.35, 0.4, 0.45, 0.5));

        var figure = chart.Find("[data-testid=stats-chart-figure]");
        Assert.Equal("img", figure.GetAttribute("role"));
        Assert.Equal("stats-verdict", figure.GetAttribute("aria-labelledby"));
        Assert.NotNull(figure.QuerySelector("svg"));
        var chartComponent = chart.FindComponent<MudChart<double>>().Instance;
        Assert.Equal(["Sequential", "Scatter-gather", "One statement"], chartComponent.ChartLabels);
        Assert.Equal(["Fastest", "Median", "Slowest"], chartComponent.ChartSeries.Select(s => s.Name));
        Assert.Equal([2.8, 1.2, 0.4], chartComponent.ChartSeries[1].Data.Values.Select(v => (double)v!).ToArray());
    }

    private IRenderedComponent<TodoStatsChart> Render(StatsTimings sequential, StatsTimings parallel, StatsTimings single) =>
        Render<TodoStatsChart>(p => p.Add(c => c.Comparison, StatsComparison.Of(sequential, parallel, single, sameResults: true)));

    private static string[] Cells(IRenderedComponent<TodoStatsChart> chart, string mode) =>
        chart.FindAll($"[data-testid=stats-numbers] td[data-mode={mode}]").Select(td => td.TextContent.Trim()).ToArray();
}

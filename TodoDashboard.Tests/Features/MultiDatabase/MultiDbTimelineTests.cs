using Bunit;
using TodoDashboard.Features.MultiDatabase;
using TodoDashboard.Features.MultiDatabase.Components;

namespace TodoDashboard.Tests.Features.MultiDatabase;

[Trait("Category", "Unit")]
public class MultiDbTimelineTests : MudComponentTest
{
    // Two overlapping user inserts, no product inserted, one order after the users; the run took 12.5 ms.
    private static readonly MultiDbRunResult Run = new(Guid.NewGuid(), "someone", MultiDbRunKind.Custom, DateTime.UtcNow, 12.5, 16,
        [new(MultiDbTable.Users, 2, 0, 0), new(MultiDbTable.Products, 0, 1, 0), new(MultiDbTable.Orders, 1, 0, 0)],
        [
            new(MultiDbTable.Users, 1, RowStatus.Inserted, [], 41, 0.1, 4),
            new(MultiDbTable.Users, 2, RowStatus.Inserted, [], 42, 1, 3.5),
            new(MultiDbTable.Products, 1, RowStatus.Rejected, ["Name is required."], null, 0.2, 0),
            new(MultiDbTable.Orders, 1, RowStatus.Inserted, [], 7, 5, 6.2),
        ],
        0);

    [Fact]
    public void Each_database_has_a_lane_named_in_the_legend_with_one_bar_per_insert()
    {
        var timeline = Render<MultiDbTimeline>(p => p.Add(t => t.Run, Run));

        Assert.Equal(["Users", "Products", "Orders"], timeline.FindAll("[data-testid=timeline-legend] li").Select(li => li.TextContent.Trim()));
        Assert.Equal(["mdb-users", "mdb-products", "mdb-orders"], timeline.FindAll("[data-testid=timeline-legend] li").Select(li => li.ClassName));
        Assert.Equal(["Users", "Products", "Orders"], timeline.FindAll(".mdb-lane-names div").Select(d => d.TextContent.Trim()));
        Assert.Equal(2, timeline.FindAll("rect.mdb-users").Count);
        Assert.Empty(timeline.FindAll("rect.mdb-products"));
        Assert.Equal("Orders row 1: 5–11.2 ms", Assert.Single(timeline.FindAll("rect.mdb-orders")).TextContent.Trim());
    }

    [Fact]
    public void Overlapping_inserts_are_stacked_on_separate_tracks_of_their_lane()
    {
        var timeline = Render<MultiDbTimeline>(p => p.Add(t => t.Run, Run));

        var users = timeline.FindAll("rect.mdb-users");
        Assert.NotEqual(users[0].GetAttribute("y"), users[1].GetAttribute("y"));
        Assert.Equal("0.67%", users[0].GetAttribute("x"));
    }

    [Fact]
    public void The_time_axis_runs_from_the_start_to_a_round_end_past_the_run_with_labelled_ticks()
    {
        var timeline = Render<MultiDbTimeline>(p => p.Add(t => t.Run, Run));

        Assert.Equal(["0", "5", "10", "15"], timeline.FindAll("[data-testid=timeline-tick]").Select(t => t.TextContent.Trim()));
        Assert.Equal("ms since the run started", timeline.Find(".mdb-axis-title").TextContent.Trim());
        Assert.Equal("33.33%", timeline.FindAll("rect.mdb-orders")[0].GetAttribute("x"));
    }

    [Fact]
    public void The_chart_has_a_text_alternative_giving_each_lanes_count_first_start_and_last_end()
    {
        var timeline = Render<MultiDbTimeline>(p => p.Add(t => t.Run, Run));

        var chart = timeline.Find("[data-testid=timeline-chart]");
        Assert.Equal("img", chart.GetAttribute("role"));
        Assert.Equal(
            "Timeline of 3 inserts over 12.5 ms. Users: 2 inserts from 0.1 to 4.5 ms. Products: no inserts. Orders: 1 insert from 5 to 11.2 ms.",
            chart.GetAttribute("aria-label"));
        Assert.Equal(["Users", "2", "0.1", "4.5"], Cells(timeline, "users"));
        Assert.Equal(["Products", "0", "–", "–"], Cells(timeline, "products"));
        Assert.Equal(["Orders", "1", "5", "11.2"], Cells(timeline, "orders"));
    }

    private static IEnumerable<string> Cells(IRenderedComponent<MultiDbTimeline> timeline, string table) =>
        timeline.Find($"[data-testid=lane-{table}]").Children.Select(c => c.TextContent.Trim());
}

using Quartz;
using TodoDashboard.Infrastructure.Cluster;
using TodoDashboard.Infrastructure.Runs;

namespace TodoDashboard.Tests.Infrastructure.Cluster;

[Trait("Category", "Unit")]
public class ClusterViewTests
{
    private static readonly DateTime Now = new(2026, 12, 2, 12, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(ClusterNodeState.Alive, ClusterInstanceState.Alive)]
    [InlineData(ClusterNodeState.Overdue, ClusterInstanceState.Late)]
    [InlineData(ClusterNodeState.Failed, ClusterInstanceState.Lost)]
    public void Quartz_decides_whether_a_listed_instance_is_alive_late_or_lost(ClusterNodeState quartz, ClusterInstanceState expected)
    {
        var instances = ClusterView.Combine([Node("me", current: true), Node("other", quartz)], [Row("other")], [], currentCircuits: 0);

        Assert.Equal(expected, instances.Single(i => i.InstanceId == "other").State);
    }

    [Theory]
    [InlineData(ClusterNodeState.Overdue)]
    [InlineData(ClusterNodeState.Failed)]
    public void A_check_in_that_stopped_without_a_row_beside_it_is_an_instance_that_stopped_gracefully(ClusterNodeState quartz)
    {
        var instances = ClusterView.Combine([Node("me", current: true), Node("left", quartz)], [], [], currentCircuits: 0);

        Assert.Equal(ClusterInstanceState.Stopped, instances.Single(i => i.InstanceId == "left").State);
    }

    [Fact]
    public void An_instance_that_published_itself_but_that_Quartz_no_longer_lists_is_lost_and_keeps_what_it_published()
    {
        var instances = ClusterView.Combine([Node("me", current: true)], [Row("gone", circuits: 4)], [], currentCircuits: 0);

        var gone = instances.Single(i => i.InstanceId == "gone");
        Assert.Equal(ClusterInstanceState.Lost, gone.State);
        Assert.Equal(("host-gone", 42, 4), (gone.HostName, gone.ProcessId, gone.Circuits));
        Assert.Null(gone.LastCheckInAt);
        Assert.Equal(Now.AddMinutes(-1), gone.LastHeardAt);
    }

    [Fact]
    public void The_current_instance_comes_first_with_its_circuits_counted_now_rather_than_at_its_last_heartbeat()
    {
        var instances = ClusterView.Combine(
            [Node("a-other"), Node("me", current: true)], [Row("me", circuits: 1), Row("a-other", circuits: 2)], [], currentCircuits: 7);

        Assert.Equal(["me", "a-other"], instances.Select(i => i.InstanceId));
        Assert.True(instances[0].IsCurrent);
        Assert.False(instances[1].IsCurrent);
        Assert.Equal([7, 2], instances.Select(i => i.Circuits));
    }

    [Fact]
    public void Running_runs_are_grouped_under_their_node_and_a_node_known_only_from_a_run_is_outside_the_cluster()
    {
        var first = Running("jobs");
        var second = Running("price-updates");
        var cli = Running("customer-generation");

        var instances = ClusterView.Combine(
            [Node("me", current: true), Node("other")], [],
            [new NodeRun("other", first), new NodeRun("other", second), new NodeRun("cli@box", cli)], currentCircuits: 0);

        Assert.Empty(instances.Single(i => i.InstanceId == "me").Running);
        Assert.Equal([first.Id, second.Id], instances.Single(i => i.InstanceId == "other").Running.Select(r => r.Id));
        var outside = instances.Single(i => i.InstanceId == "cli@box");
        Assert.Equal(ClusterInstanceState.Unknown, outside.State);
        Assert.Equal([cli.Id], outside.Running.Select(r => r.Id));
        Assert.Null(outside.HostName);
        Assert.Null(outside.LastHeardAt);
    }

    [Fact]
    public void The_latest_sign_of_life_is_the_later_of_the_check_in_and_the_heartbeat()
    {
        var instances = ClusterView.Combine([Node("me", current: true, checkIn: Now.AddSeconds(-2))], [Row("me", seen: Now.AddSeconds(-4))], [], 0);

        Assert.Equal(Now.AddSeconds(-2), instances.Single().LastHeardAt);
        Assert.Equal(Now.AddSeconds(-4), instances.Single().LastSeenAt);
    }

    private static ClusterNode Node(string id, ClusterNodeState state = ClusterNodeState.Alive, bool current = false, DateTime? checkIn = null) =>
        new(id, new DateTimeOffset(checkIn ?? Now.AddSeconds(-1)), TimeSpan.FromSeconds(1), state, current);

    private static ClusterInstance Row(string id, int circuits = 0, DateTime? seen = null) => new()
    {
        InstanceId = id,
        HostName = $"host-{id}",
        ProcessId = 42,
        Version = "1.0.0",
        StartedAt = Now.AddHours(-1),
        LastSeenAt = seen ?? Now.AddMinutes(-1),
        Circuits = circuits,
    };

    private static RunResponse Running(string kind) => RunResponse.From(new Run
    {
        Id = Guid.CreateVersion7(), Kind = kind, OwnerName = "Ada", Parameters = "{}", Data = "{}", State = RunState.Running, Total = 10, StartedAt = Now,
    });
}

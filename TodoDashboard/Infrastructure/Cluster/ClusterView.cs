using Quartz;
using TodoDashboard.Infrastructure.Runs;

namespace TodoDashboard.Infrastructure.Cluster;

/// <summary>
/// Puts the three sources together by scheduler instance id: Quartz's check-ins (which decide alive, late or lost, by
/// the predicate its failover uses), what each instance published about itself, and the nodes the running runs' attempts name.
/// </summary>
public static class ClusterView
{
    /// <param name="nodes">Quartz's listing, which always holds the current node.</param>
    /// <param name="published">The instances' own rows.</param>
    /// <param name="running">The running runs with their nodes.</param>
    /// <param name="currentCircuits">The current instance's open circuits now (its row has them as of its last heartbeat).</param>
    public static IReadOnlyList<ClusterInstanceResponse> Combine(
        IReadOnlyList<ClusterNode> nodes, IReadOnlyList<ClusterInstance> published, IReadOnlyList<NodeRun> running, int currentCircuits)
    {
        var runs = running.ToLookup(r => r.Node, r => r.Run, StringComparer.Ordinal);
        var ids = nodes.Select(n => n.InstanceId).Concat(published.Select(p => p.InstanceId)).Concat(running.Select(r => r.Node))
            .Distinct(StringComparer.Ordinal);
        return ids
            .Select(id => Instance(id, nodes.FirstOrDefault(n => n.InstanceId == id), published.FirstOrDefault(p => p.InstanceId == id), [.. runs[id]], currentCircuits))
            .OrderByDescending(i => i.IsCurrent).ThenBy(i => i.State).ThenBy(i => i.InstanceId, StringComparer.Ordinal)
            .ToList();
    }

    private static ClusterInstanceResponse Instance(string id, ClusterNode? node, ClusterInstance? row, IReadOnlyList<RunResponse> runs, int currentCircuits)
    {
        var current = node?.IsCurrentNode == true;
        return new ClusterInstanceResponse(
            id,
            State(node, row),
            current,
            row?.HostName,
            row?.ProcessId,
            row?.Version,
            row?.StartedAt,
            node?.LastCheckInUtc?.UtcDateTime,
            row?.LastSeenAt,
            current ? currentCircuits : row?.Circuits,
            runs);
    }

    // An instance publishes itself only while its scheduler is started, which checks in before it starts: a row that
    // Quartz no longer lists is an instance whose scheduler was given up on and swept away. A check-in that has stopped
    // without a row beside it is an instance that removed its row on a graceful stop.
    private static ClusterInstanceState State(ClusterNode? node, ClusterInstance? row) => (node?.State, row) switch
    {
        (ClusterNodeState.Alive, _) => ClusterInstanceState.Alive,
        (ClusterNodeState.Overdue or ClusterNodeState.Failed, null) => ClusterInstanceState.Stopped,
        (ClusterNodeState.Overdue, _) => ClusterInstanceState.Late,
        (ClusterNodeState.Failed, _) => ClusterInstanceState.Lost,
        (_, null) => ClusterInstanceState.Unknown,
        _ => ClusterInstanceState.Lost,
    };
}

using TodoDashboard.Infrastructure.Runs;

namespace TodoDashboard.Infrastructure.Cluster;

/// <summary>What the cluster makes of an instance.</summary>
public enum ClusterInstanceState
{
    /// <summary>Its scheduler checks in on time: it takes its share of the runs.</summary>
    Alive,

    /// <summary>Its scheduler missed a check-in but is not yet given up on; nothing is taken over from it yet.</summary>
    Late,

    /// <summary>
    /// Stopped gracefully: it removed its own row, and Quartz lists its last check-in until that ages out (a stopping
    /// scheduler does not remove its check-in).
    /// </summary>
    Stopped,

    /// <summary>
    /// Gone without saying goodbye: its scheduler was given up on (its runs are taken over) or no longer checks in at all.
    /// Listed until <see cref="ClusterOptions.LostRetention"/> after it was last seen.
    /// </summary>
    Lost,

    /// <summary>Neither a scheduler of the cluster nor an instance that publishes itself: a node that runs work on its own (the command line).</summary>
    Unknown,
}

/// <summary>The cluster as one instance sees it, read at <paramref name="At"/>; the instance that answered is <paramref name="CurrentInstanceId"/>.</summary>
public sealed record ClusterResponse(string CurrentInstanceId, DateTime At, IReadOnlyList<ClusterInstanceResponse> Instances);

/// <summary>
/// One instance: its scheduler instance id (the node its runs' attempts record), what it published about itself (null
/// when it did not), when Quartz last heard from it and what Quartz makes of that, its open circuits and its running runs.
/// </summary>
public sealed record ClusterInstanceResponse(
    string InstanceId,
    ClusterInstanceState State,
    bool IsCurrent,
    string? HostName,
    int? ProcessId,
    string? Version,
    DateTime? StartedAt,
    DateTime? LastCheckInAt,
    DateTime? LastSeenAt,
    int? Circuits,
    IReadOnlyList<RunResponse> Running)
{
    /// <summary>The latest sign of life: Quartz's check-in or the instance's own heartbeat.</summary>
    public DateTime? LastHeardAt => (LastCheckInAt, LastSeenAt) switch
    {
        ({ } checkIn, { } seen) => checkIn > seen ? checkIn : seen,
        ({ } checkIn, null) => checkIn,
        (null, var seen) => seen,
    };
}

namespace TodoDashboard.Infrastructure.Cluster;

/// <summary>
/// One app instance as it last published itself (<see cref="ClusterHeartbeat"/>): what Quartz's own check-in row does not
/// say about it. Keyed by the Quartz scheduler instance id, which is also the node a run's attempt records.
/// </summary>
public class ClusterInstance
{
    public required string InstanceId { get; set; }

    public required string HostName { get; set; }

    public int ProcessId { get; set; }

    public required string Version { get; set; }

    public DateTime StartedAt { get; set; }

    public DateTime LastSeenAt { get; set; }

    /// <summary>Its open Blazor circuits when it last published itself.</summary>
    public int Circuits { get; set; }
}

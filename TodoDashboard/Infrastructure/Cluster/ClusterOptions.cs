namespace TodoDashboard.Infrastructure.Cluster;

/// <summary>The "Cluster" section: how often an instance publishes itself, and how long a lost one stays listed.</summary>
public sealed class ClusterOptions
{
    /// <summary>How often each instance writes its row (and the operations page reads the cluster again).</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long an instance that stopped publishing itself without saying goodbye is shown as lost before its row goes.</summary>
    public TimeSpan LostRetention { get; set; } = TimeSpan.FromMinutes(10);
}

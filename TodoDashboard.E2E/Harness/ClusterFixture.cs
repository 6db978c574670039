namespace TodoDashboard.E2E.Harness;

/// <summary>A browser on three app processes behind nginx (<see cref="AppCluster"/>), one cluster per test class.</summary>
public sealed class ClusterFixture : AppFixture
{
    public ClusterFixture() : base(adminEmail => new AppCluster(adminEmail))
    {
    }

    public AppCluster Cluster => (AppCluster)Server;
}

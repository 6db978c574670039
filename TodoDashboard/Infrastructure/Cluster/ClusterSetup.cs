using Microsoft.AspNetCore.Components.Server.Circuits;

namespace TodoDashboard.Infrastructure.Cluster;

public static class ClusterSetup
{
    /// <summary>
    /// The cluster's view of itself: every instance publishes itself, counts its circuits, and reads the others. After
    /// the background jobs, so the heartbeat starts once Quartz's scheduler does.
    /// </summary>
    public static IServiceCollection AddClusterView(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ClusterOptions>(configuration.GetSection("Cluster"));
        services.AddSingleton<CircuitCounter>();
        services.AddSingleton<CircuitHandler>(sp => sp.GetRequiredService<CircuitCounter>());
        services.AddSingleton<ClusterService>();
        services.AddHostedService<ClusterHeartbeat>();
        return services;
    }
}

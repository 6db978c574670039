using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using TodoDashboard.Data;

namespace TodoDashboard.Infrastructure.Health;

/// <summary>
/// /health/live: the process answers, no dependency is asked (a restart would not mend a database that is down).
/// /health/ready (and /health, its older name): the database, the Quartz scheduler, the LISTEN connection, and the
/// shared cache when one is configured (Degraded, not Unhealthy: the app works without it).
/// </summary>
public static class HealthSetup
{
    public const string ReadyTag = "ready";

    public static WebApplicationBuilder AddAppHealthChecks(this WebApplicationBuilder builder)
    {
        var checks = builder.Services.AddHealthChecks()
            .AddDbContextCheck<AppDbContext>("database", tags: [ReadyTag])
            .AddCheck<QuartzSchedulerHealthCheck>("quartz", tags: [ReadyTag])
            .AddCheck<NotificationListenerHealthCheck>("notification-listener", tags: [ReadyTag]);
        if (DistributedCacheSetup.IsConfigured(builder.Configuration))
        {
            checks.AddCheck<DistributedCacheHealthCheck>("distributed-cache", HealthStatus.Degraded, [ReadyTag]);
        }

        return builder;
    }

    public static WebApplication MapAppHealthChecks(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteReportAsync });
        var ready = new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = WriteReportAsync };
        app.MapHealthChecks("/health/ready", ready);
        app.MapHealthChecks("/health", ready);
        return app;
    }

    /// <summary>Each check's name and status; descriptions and exceptions stay in the logs, not in an anonymous answer.</summary>
    private static Task WriteReportAsync(HttpContext context, HealthReport report) =>
        context.Response.WriteAsJsonAsync(
            new HealthResponse(report.Status.ToString(), [.. report.Entries.Select(e => new HealthCheckStatus(e.Key, e.Value.Status.ToString()))]),
            JsonSerializerOptions.Web,
            context.RequestAborted);

    private sealed record HealthResponse(string Status, IReadOnlyList<HealthCheckStatus> Checks);

    private sealed record HealthCheckStatus(string Name, string Status);
}

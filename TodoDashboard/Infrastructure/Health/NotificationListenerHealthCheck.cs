using Microsoft.Extensions.Diagnostics.HealthChecks;
using TodoDashboard.Infrastructure.LiveUpdates;

namespace TodoDashboard.Infrastructure.Health;

/// <summary>Ready while the LISTEN connection is open: without it this instance's pages miss every other instance's changes.</summary>
internal sealed class NotificationListenerHealthCheck(PostgresNotificationHub hub) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(hub.ListeningSince is not null
            ? HealthCheckResult.Healthy()
            : new HealthCheckResult(context.Registration.FailureStatus, "The PostgreSQL LISTEN connection is not open."));
}

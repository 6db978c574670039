using Microsoft.Extensions.Diagnostics.HealthChecks;
using Quartz;

namespace TodoDashboard.Infrastructure.Health;

/// <summary>
/// Ready while this instance's scheduler is Running: started, not in standby, not shutting or shut down. Its store is clustered,
/// so a started scheduler checks in with the others and takes its share of the runs.
/// </summary>
internal sealed class QuartzSchedulerHealthCheck(ISchedulerFactory schedulers) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var status = await scheduler.GetStatus(cancellationToken);
        return status == SchedulerStatus.Running
            ? HealthCheckResult.Healthy()
            : new HealthCheckResult(context.Registration.FailureStatus, $"The Quartz scheduler is {status}, not running.");
    }
}

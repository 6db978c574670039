using Quartz;

namespace TodoDashboard.Infrastructure;

/// <summary>Background work kept in the app's own tables and handed to Quartz; see <see cref="RecoverySweep"/>.</summary>
public interface IRecoverableWork
{
    /// <summary>Ids of work still Queued or Processing that was created before <paramref name="bornBefore"/>.</summary>
    Task<IReadOnlyList<Guid>> ActiveIdsAsync(DateTime bornBefore, CancellationToken ct);

    JobKey KeyFor(Guid id);

    Task ScheduleAsync(Guid id, CancellationToken ct);
}

/// <summary>
/// Quartz re-fires work whose instance crashed (it requests recovery). This sweep covers the other way work can be
/// orphaned: its instance shut down gracefully mid-run, so Quartz considers the run over while the app's row says
/// it is still active. Every instance sweeps; scheduling is idempotent.
/// </summary>
internal sealed partial class RecoverySweep(
    IEnumerable<IRecoverableWork> kinds,
    ISchedulerFactory schedulers,
    TimeProvider clock,
    IConfiguration configuration,
    ILogger<RecoverySweep> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = configuration.GetValue("Quartz:RecoveryInterval", TimeSpan.FromSeconds(10));
        using var timer = new PeriodicTimer(interval, clock);
        do
        {
            try
            {
                await SweepAsync(interval, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogSweepFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task SweepAsync(TimeSpan minimumAge, CancellationToken ct)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        if (scheduler.Status != SchedulerStatus.Running)
        {
            return;
        }

        // Young work is skipped: the request that created it may still be scheduling it.
        var bornBefore = clock.GetUtcNow().UtcDateTime - minimumAge;
        foreach (var kind in kinds)
        {
            foreach (var id in await kind.ActiveIdsAsync(bornBefore, ct))
            {
                if (!await scheduler.Exists(kind.KeyFor(id), ct))
                {
                    LogRescheduling(logger, id);
                    await kind.ScheduleAsync(id, ct);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Id} is active but not scheduled; scheduling it again.")]
    private static partial void LogRescheduling(ILogger logger, Guid id);

    [LoggerMessage(Level = LogLevel.Error, Message = "The recovery sweep failed.")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}

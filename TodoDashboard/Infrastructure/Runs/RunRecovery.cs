using Microsoft.Extensions.Options;
using Npgsql;
using Quartz;

namespace TodoDashboard.Infrastructure.Runs;

/// <summary>
/// Quartz re-fires a run whose node crashed (it requests recovery). This sweep covers the other ways a run can be
/// orphaned: its node shut down gracefully mid-attempt, so Quartz considers the job over while the run is still
/// active, or an attempt ended asking to be tried again. A run some session executes (it holds the run's lock: the
/// command line, say) is left alone. Every node sweeps; scheduling is idempotent.
/// </summary>
internal sealed partial class RunRecovery(
    NpgsqlDataSource dataSource,
    RunEngine engine,
    ISchedulerFactory schedulers,
    IOptions<RunsOptions> options,
    TimeProvider clock,
    ILogger<RunRecovery> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.RecoveryInterval;
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

        // Young runs are skipped: the request that created one may still be scheduling it.
        await using var command = dataSource.CreateCommand($"""
            SELECT r.id FROM runs r
            WHERE r.state IN {RunStates.ActiveSql} AND r.created_at < $1
              AND NOT EXISTS (
                SELECT 1 FROM pg_locks l
                WHERE l.locktype = 'advisory' AND l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                  AND l.classid = $2::int::oid AND l.objid = hashtext(r.id::text)::oid AND l.objsubid = 2)
            """);
        command.Parameters.Add(new() { Value = clock.GetUtcNow().UtcDateTime - minimumAge });
        command.Parameters.Add(new() { Value = RunExecutor.LockClass });
        var ids = new List<Guid>();
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                ids.Add(reader.GetGuid(0));
            }
        }

        foreach (var id in ids)
        {
            if (!await scheduler.Exists(RunJob.KeyFor(id), ct))
            {
                LogRescheduling(logger, id);
                await engine.ScheduleAsync(id, ct);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {Id} is active but nobody executes it; scheduling it again.")]
    private static partial void LogRescheduling(ILogger logger, Guid id);

    [LoggerMessage(Level = LogLevel.Error, Message = "The run recovery sweep failed.")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}

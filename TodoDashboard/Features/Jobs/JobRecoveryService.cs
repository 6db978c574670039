using Microsoft.EntityFrameworkCore;
using Quartz;
using TodoDashboard.Data;

namespace TodoDashboard.Features.Jobs;

/// <summary>
/// Quartz re-fires a job whose instance crashed (the job requests recovery). This sweep covers the other way a job
/// can be orphaned: its instance shut down gracefully mid-run, so Quartz considers the run over while the job is
/// still active. Every instance sweeps; scheduling is idempotent.
/// </summary>
internal sealed partial class JobRecoveryService(
    IDbContextFactory<AppDbContext> dbFactory,
    ISchedulerFactory schedulers,
    JobService jobs,
    TimeProvider clock,
    IConfiguration configuration,
    ILogger<JobRecoveryService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = configuration.GetValue("Jobs:RecoveryInterval", TimeSpan.FromSeconds(10));
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

        // Young jobs are skipped: their start request may still be scheduling them.
        var bornBefore = clock.GetUtcNow().UtcDateTime - minimumAge;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var active = await db.Jobs.AsNoTracking()
            .Where(j => (j.Status == JobStatus.Queued || j.Status == JobStatus.Processing) && j.CreatedAt < bornBefore)
            .Select(j => j.Id)
            .ToListAsync(ct);
        foreach (var id in active)
        {
            if (!await scheduler.Exists(ProcessJobItemsJob.KeyFor(id), ct))
            {
                LogRescheduling(logger, id);
                await jobs.ScheduleAsync(id, ct);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} is active but not scheduled; scheduling it again.")]
    private static partial void LogRescheduling(ILogger logger, Guid jobId);

    [LoggerMessage(Level = LogLevel.Error, Message = "The job recovery sweep failed.")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}

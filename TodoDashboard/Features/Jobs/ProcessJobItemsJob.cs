using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using Quartz;
using TodoDashboard.Data;

namespace TodoDashboard.Features.Jobs;

/// <summary>
/// Works through a job's items on whichever instance Quartz fires it. It always starts from the job's committed
/// <see cref="Job.Done"/>, and each item commits together with the new count, so resuming after a crash
/// neither loses nor repeats an item.
/// </summary>
public sealed partial class ProcessJobItemsJob(
    IDbContextFactory<AppDbContext> dbFactory,
    JobNotifier notifier,
    IOptions<JobOptions> options,
    TimeProvider clock,
    ILogger<ProcessJobItemsJob> logger) : IJob
{
    public const string JobIdKey = "jobId";

    public static JobKey KeyFor(Guid jobId) => new(jobId.ToString(), "items");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var jobId = Guid.Parse(context.MergedJobDataMap.GetString(JobIdKey)!);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        // A cancel request reaches this instance as a notification, whichever instance accepted it.
        using var subscription = notifier.SubscribeToJob(jobId, update =>
        {
            if (update.Job is { CancelRequested: true } or { IsActive: false })
            {
                cancellation.Cancel();
            }
        });

        var job = await BeginAsync(jobId);
        if (job is null)
        {
            return;
        }

        try
        {
            for (var number = job.Done + 1; number <= job.Total && !job.CancelRequested; number++)
            {
                await Task.Delay(options.Value.ItemDuration, clock, cancellation.Token);
                job = await CommitItemAsync(jobId, number);
                if (job is null)
                {
                    return;
                }
            }

            await FinishAsync(jobId, job.CancelRequested ? JobStatus.Cancelled : JobStatus.Succeeded, null);
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            // The instance is shutting down (whatever that threw, e.g. a disposed service): the job stays Processing,
            // and Quartz's recovery or the recovery sweep hands it to a live instance.
            LogInterrupted(logger, jobId);
        }
        catch (OperationCanceledException)
        {
            await FinishAsync(jobId, JobStatus.Cancelled, null);
        }
        catch (Exception ex) when (ex is DbUpdateException or NpgsqlException or InvalidOperationException)
        {
            LogFailed(logger, jobId, ex);
            await FinishAsync(jobId, JobStatus.Failed, ex.Message);
        }
    }

    private async Task<Job?> BeginAsync(Guid jobId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var now = clock.GetUtcNow().UtcDateTime;
        var started = await db.Jobs
            .Where(j => j.Id == jobId && (j.Status == JobStatus.Queued || j.Status == JobStatus.Processing))
            .ExecuteUpdateAsync(s => s
                .SetProperty(j => j.Status, JobStatus.Processing)
                .SetProperty(j => j.StartedAt, j => j.StartedAt ?? now));
        return started == 0 ? null : await db.Jobs.AsNoTracking().SingleAsync(j => j.Id == jobId);
    }

    /// <summary>Writes item <paramref name="number"/> and advances the count in one transaction; null if another run got there first.</summary>
    private async Task<Job?> CommitItemAsync(Guid jobId, int number)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var advanced = await db.Jobs
            .Where(j => j.Id == jobId && j.Status == JobStatus.Processing && j.Done == number - 1)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Done, number));
        if (advanced == 0)
        {
            return null;
        }

        db.JobItems.Add(new JobItem
        {
            JobId = jobId,
            Number = number,
            Name = $"Item {number}",
            Description = $"Processed item {number} of job {jobId}",
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return await db.Jobs.AsNoTracking().SingleAsync(j => j.Id == jobId);
    }

    private async Task FinishAsync(Guid jobId, JobStatus status, string? error)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Jobs
            .Where(j => j.Id == jobId && (j.Status == JobStatus.Queued || j.Status == JobStatus.Processing))
            .ExecuteUpdateAsync(s => s
                .SetProperty(j => j.Status, status)
                .SetProperty(j => j.FinishedAt, now)
                .SetProperty(j => j.Error, error));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} interrupted by shutdown; it will resume elsewhere.")]
    private static partial void LogInterrupted(ILogger logger, Guid jobId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Job {JobId} failed.")]
    private static partial void LogFailed(ILogger logger, Guid jobId, Exception exception);
}

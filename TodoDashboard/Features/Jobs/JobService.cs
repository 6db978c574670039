using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Quartz;
using TodoDashboard.Data;
using TodoDashboard.Infrastructure;

namespace TodoDashboard.Features.Jobs;

public enum CancelJobOutcome
{
    NotFound,
    AlreadyFinished,
    Requested,
}

/// <summary>A user's long-running jobs: start (one active at a time), read, watch live, cancel.</summary>
public sealed class JobService(IDbContextFactory<AppDbContext> dbFactory, ISchedulerFactory schedulers, JobNotifier notifier, TimeProvider clock)
    : IRecoverableWork
{
    public const int ListLimit = 50;

    /// <summary>Starts a job, or, when the user already has an active one, returns that one instead.</summary>
    public async Task<StartJobResult> StartAsync(string ownerId, int items, CancellationToken ct = default)
    {
        var job = new Job
        {
            Id = Guid.CreateVersion7(),
            OwnerId = ownerId,
            Total = items,
            Status = JobStatus.Queued,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };

        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            // The partial unique index decides, atomically: of any number of concurrent starts, one inserts.
            var inserted = await db.Database.SqlQuery<Guid>($"""
                INSERT INTO jobs ("Id", "OwnerId", "Total", "Done", "Status", "CancelRequested", "CreatedAt")
                VALUES ({job.Id}, {ownerId}, {items}, 0, 'Queued', false, {job.CreatedAt})
                ON CONFLICT ("OwnerId") WHERE "Status" IN ('Queued', 'Processing') DO NOTHING
                RETURNING "Id" AS "Value"
                """).ToListAsync(ct);
            if (inserted.Count == 0)
            {
                // The active job may have finished between the insert and this read: then try again.
                var active = await ActiveAsync(ownerId, ct);
                return active is null ? await StartAsync(ownerId, items, ct) : new StartJobResult(active, Started: false);
            }
        }

        try
        {
            await ScheduleAsync(job.Id, ct);
        }
        catch (SchedulerException ex)
        {
            await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
            await db.Jobs.Where(j => j.Id == job.Id).ExecuteUpdateAsync(s => s
                .SetProperty(j => j.Status, JobStatus.Failed)
                .SetProperty(j => j.FinishedAt, clock.GetUtcNow().UtcDateTime)
                .SetProperty(j => j.Error, $"The job could not be scheduled: {ex.Message}"), CancellationToken.None);
            throw;
        }

        return new StartJobResult(JobResponse.From(job), Started: true);
    }

    /// <summary>Hands a job to Quartz; any instance of the cluster may run it. Scheduling twice is harmless.</summary>
    public Task ScheduleAsync(Guid id, CancellationToken ct) =>
        schedulers.ScheduleRecoverableAsync<ProcessJobItemsJob>(ProcessJobItemsJob.KeyFor(id), ProcessJobItemsJob.JobIdKey, id, ct);

    public JobKey KeyFor(Guid id) => ProcessJobItemsJob.KeyFor(id);

    public async Task<IReadOnlyList<Guid>> ActiveIdsAsync(DateTime bornBefore, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Jobs.AsNoTracking()
            .Where(j => (j.Status == JobStatus.Queued || j.Status == JobStatus.Processing) && j.CreatedAt < bornBefore)
            .Select(j => j.Id)
            .ToListAsync(ct);
    }

    public async Task<IReadOnlyList<JobResponse>> ListAsync(string ownerId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var jobs = await db.Jobs.AsNoTracking().Where(j => j.OwnerId == ownerId)
            .OrderByDescending(j => j.CreatedAt).Take(ListLimit).ToListAsync(ct);
        return jobs.Select(JobResponse.From).ToList();
    }

    public async Task<JobResponse?> GetAsync(string ownerId, Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var job = await db.Jobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == id && j.OwnerId == ownerId, ct);
        return job is null ? null : JobResponse.From(job);
    }

    public async Task<JobResponse?> ActiveAsync(string ownerId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var job = await db.Jobs.AsNoTracking()
            .SingleOrDefaultAsync(j => j.OwnerId == ownerId && (j.Status == JobStatus.Queued || j.Status == JobStatus.Processing), ct);
        return job is null ? null : JobResponse.From(job);
    }

    /// <summary>
    /// A queued job is cancelled at once; a processing one is flagged, and its worker, told by notification
    /// wherever it runs, stops within moments and marks it Cancelled, keeping the items already done.
    /// </summary>
    /// <param name="ownerId">The job's owner; null for an Operator, who may cancel anyone's job (a job hogging the workers, say).</param>
    public async Task<(CancelJobOutcome Outcome, JobResponse? Job)> CancelAsync(string? ownerId, Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var jobs = ownerId is null ? db.Jobs : db.Jobs.Where(j => j.OwnerId == ownerId);
        var changed = await jobs
            .Where(j => j.Id == id && (j.Status == JobStatus.Queued || j.Status == JobStatus.Processing))
            .ExecuteUpdateAsync(s => s
                .SetProperty(j => j.CancelRequested, true)
                .SetProperty(j => j.Status, j => j.Status == JobStatus.Queued ? JobStatus.Cancelled : j.Status)
                .SetProperty(j => j.FinishedAt, j => j.Status == JobStatus.Queued ? now : j.FinishedAt), ct);
        var job = await jobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == id, ct);
        return job is null ? (CancelJobOutcome.NotFound, null)
            : changed == 0 ? (CancelJobOutcome.AlreadyFinished, JobResponse.From(job))
            : (CancelJobOutcome.Requested, JobResponse.From(job));
    }

    /// <summary>
    /// The job's state now, then each change as it commits, until it ends. Subscribes before reading, so nothing
    /// falls between the two; <c>done</c> never goes backwards; a resync reads the state again.
    /// </summary>
    public async IAsyncEnumerable<JobResponse> WatchAsync(string ownerId, Guid id, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var changes = Channel.CreateUnbounded<JobUpdate>(new UnboundedChannelOptions { SingleReader = true });
        using var subscription = notifier.SubscribeToJob(id, update => changes.Writer.TryWrite(update));

        var current = await GetAsync(ownerId, id, ct);
        if (current is null)
        {
            yield break;
        }

        yield return current;
        while (current.IsActive)
        {
            var update = await changes.Reader.ReadAsync(ct);
            var next = update.Job ?? await GetAsync(ownerId, id, ct);
            if (next is null || (next.Done < current.Done) || next == current)
            {
                continue;
            }

            current = next;
            yield return current;
        }
    }
}

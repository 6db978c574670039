using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;
using TodoDashboard.Data;
using TodoDashboard.Infrastructure;

namespace TodoDashboard.Features.Customers.Generation;

/// <summary>Customer generation runs: start (one active at a time), read, and hand to Quartz; see <see cref="CustomerGenerationRunner"/>.</summary>
public sealed class CustomerGenerationService(
    IDbContextFactory<AppDbContext> dbFactory, ISchedulerFactory schedulers, IOptions<CustomerGenerationOptions> options, TimeProvider clock)
    : IRecoverableWork
{
    public const int RunListLimit = 20;

    /// <summary>
    /// For a run above <see cref="CustomerGenerationOptions.BulkLoadThreshold"/>, which drops the search indexes
    /// everyone's searches use and rebuilds them over the whole table, how long it should take; null for a run
    /// that keeps them (or whose table is small enough to rebuild in moments).
    /// </summary>
    public async Task<GenerationEstimate?> RebuildEstimateAsync(int count, CancellationToken ct = default)
    {
        if (count <= options.Value.BulkLoadThreshold)
        {
            return null;
        }

        // The planner's row count is free and close enough; a table never analyzed yet is young, and counted.
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var existing = await db.Database.SqlQuery<long>($"""
            SELECT CASE WHEN reltuples >= 0 THEN reltuples::bigint ELSE (SELECT count(*) FROM customers) END AS "Value"
            FROM pg_class WHERE oid = 'customers'::regclass
            """).SingleAsync(ct);
        return GenerationEstimate.For(count, existing);
    }

    /// <summary>Starts a run in the background, or, when one is active already, returns that one instead.</summary>
    public async Task<StartGenerationResult> StartAsync(string startedBy, int count, CancellationToken ct = default)
    {
        var result = await CreateRunAsync(startedBy, count, ct);
        if (!result.Started)
        {
            return result;
        }

        try
        {
            await ScheduleAsync(result.Run.Id, ct);
        }
        catch (SchedulerException ex)
        {
            await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
            await db.CustomerGenerationRuns.Where(r => r.Id == result.Run.Id).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, GenerationStatus.Failed)
                .SetProperty(r => r.FinishedAt, clock.GetUtcNow().UtcDateTime)
                .SetProperty(r => r.Error, $"The run could not be scheduled: {ex.Message}"), CancellationToken.None);
            throw;
        }

        return result;
    }

    /// <summary>
    /// Inserts a Queued run without scheduling it (the command line executes it itself). Its customer numbers are
    /// reserved in the same statement: after every earlier run's range and every generated-looking customer id.
    /// </summary>
    internal async Task<StartGenerationResult> CreateRunAsync(string startedBy, int count, CancellationToken ct = default)
    {
        var id = Guid.CreateVersion7();
        var now = clock.GetUtcNow().UtcDateTime;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            // The partial unique index decides, atomically: of any number of concurrent starts, one inserts.
            // Ids of exactly "C" and nine digits sort like their numbers, so the unique index finds the largest.
            var inserted = await db.Database.SqlQuery<long>($$"""
                INSERT INTO customer_generation_runs
                    ("Id", "StartedBy", "Count", "Done", "FirstNumber", "Status", "DroppedIndexes", "IndexesBuilt", "CreatedAt")
                SELECT {{id}}, {{startedBy}}, {{count}}, 0,
                    GREATEST(
                        (SELECT COALESCE(MAX("FirstNumber" + "Count"), 1) FROM customer_generation_runs),
                        (SELECT COALESCE(substring(MAX(customer_id) FROM 2)::bigint, 0) + 1 FROM (
                            SELECT customer_id FROM customers
                            WHERE customer_id BETWEEN 'C000000000' AND 'C999999999' AND customer_id ~ '^C[0-9]{9}$'
                            ORDER BY customer_id DESC LIMIT 1) AS latest)),
                    'Queued', '[]'::jsonb, 0, {{now}}
                ON CONFLICT ((true)) WHERE "Status" IN ('Queued', 'Loading', 'Indexing') DO NOTHING
                RETURNING "FirstNumber" AS "Value"
                """).ToListAsync(ct);
            if (inserted.Count == 0)
            {
                // The active run may have finished between the insert and this read: then try again.
                var active = await ActiveRunAsync(ct);
                return active is null ? await CreateRunAsync(startedBy, count, ct) : new StartGenerationResult(active, Started: false);
            }
        }

        return new StartGenerationResult((await GetRunAsync(id, ct))!, Started: true);
    }

    public async Task<CustomerGenerationRunResponse?> GetRunAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var run = await db.CustomerGenerationRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
        return run is null ? null : CustomerGenerationRunResponse.From(run);
    }

    public async Task<IReadOnlyList<CustomerGenerationRunResponse>> ListRunsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var runs = await db.CustomerGenerationRuns.AsNoTracking().OrderByDescending(r => r.CreatedAt).Take(RunListLimit).ToListAsync(ct);
        return runs.Select(CustomerGenerationRunResponse.From).ToList();
    }

    public async Task<CustomerGenerationRunResponse?> ActiveRunAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var run = await db.CustomerGenerationRuns.AsNoTracking()
            .SingleOrDefaultAsync(r => r.Status == GenerationStatus.Queued || r.Status == GenerationStatus.Loading || r.Status == GenerationStatus.Indexing, ct);
        return run is null ? null : CustomerGenerationRunResponse.From(run);
    }

    /// <summary>Hands a run to Quartz; any instance of the cluster may run it. Scheduling twice is harmless.</summary>
    public Task ScheduleAsync(Guid id, CancellationToken ct) =>
        schedulers.ScheduleRecoverableAsync<GenerateCustomersJob>(GenerateCustomersJob.KeyFor(id), GenerateCustomersJob.RunIdKey, id, ct);

    public JobKey KeyFor(Guid id) => GenerateCustomersJob.KeyFor(id);

    /// <summary>
    /// Active runs that nobody executes: a run the command line is executing is not in Quartz, but it holds the
    /// runner's advisory lock, which its session loses if it dies.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> ActiveIdsAsync(DateTime bornBefore, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Database.SqlQuery<Guid>($"""
            SELECT "Id" AS "Value" FROM customer_generation_runs
            WHERE "Status" IN ('Queued', 'Loading', 'Indexing') AND "CreatedAt" < {bornBefore}
              AND NOT EXISTS (
                SELECT 1 FROM pg_locks
                WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                  AND classid = {CustomerGenerationRunner.LockClass}::oid AND objid = {CustomerGenerationRunner.LockObject}::oid
                  AND objsubid = 2)
            """).ToListAsync(ct);
    }
}

using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Quartz;
using TodoDashboard.Data;
using TodoDashboard.Infrastructure;
using TodoDashboard.Infrastructure.Validation;

namespace TodoDashboard.Features.Shares;

/// <summary>The share market: seeding, browsing, and price-update runs handed to Quartz.</summary>
public sealed class ShareService(
    IDbContextFactory<AppDbContext> dbFactory, NpgsqlDataSource dataSource, ISchedulerFactory schedulers, TimeProvider clock)
    : IRecoverableWork
{
    public const int RunListLimit = 50;

    /// <summary>Creates "Share 1".."Share N" at i × 10 in one statement; shares that exist already are left alone.</summary>
    public async Task<SeedSharesResponse> SeedAsync(int count, CancellationToken ct = default)
    {
        var startedAt = Stopwatch.GetTimestamp();
        await using var command = dataSource.CreateCommand("""
            WITH created AS (
                INSERT INTO shares ("Name", "Price", "CreatedAt", "UpdatedAt")
                SELECT 'Share ' || i, i * 10, now(), now() FROM generate_series(1, $1) AS i
                ON CONFLICT ("Name") DO NOTHING
                RETURNING 1)
            SELECT (SELECT count(*) FROM created)::int, (SELECT count(*) FROM shares)::int
            """);
        command.Parameters.Add(new() { Value = count });
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var created = reader.GetInt32(0);

        // The second count reads the snapshot from before the insert, so add what it created.
        var total = reader.GetInt32(1) + created;
        return new SeedSharesResponse(created, total, Stopwatch.GetElapsedTime(startedAt).TotalMilliseconds);
    }

    public async Task<SharePage> ListAsync(int page, int pageSize, ShareSort sort, SortOrder order, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        IQueryable<Share> shares = db.Shares.AsNoTracking();
        var descending = order == SortOrder.Desc;
        shares = sort switch
        {
            ShareSort.Name => descending ? shares.OrderByDescending(s => s.Name) : shares.OrderBy(s => s.Name),
            ShareSort.Price => descending ? shares.OrderByDescending(s => s.Price) : shares.OrderBy(s => s.Price),
            ShareSort.UpdatedAt => descending ? shares.OrderByDescending(s => s.UpdatedAt) : shares.OrderBy(s => s.UpdatedAt),
            _ => descending ? shares.OrderByDescending(s => s.Id) : shares.OrderBy(s => s.Id),
        };
        if (sort != ShareSort.Id)
        {
            shares = ((IOrderedQueryable<Share>)shares).ThenBy(s => s.Id);
        }

        var total = await db.Shares.CountAsync(ct);
        var items = await shares.Skip((page - 1) * pageSize).Take(pageSize)
            .Select(s => new ShareResponse(s.Id, s.Name, s.Price, s.CreatedAt, s.UpdatedAt)).ToListAsync(ct);
        return new SharePage(items, total, page, pageSize);
    }

    public async Task<ShareDetails?> GetAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var share = await db.Shares.AsNoTracking().Where(s => s.Id == id)
            .Select(s => new ShareResponse(s.Id, s.Name, s.Price, s.CreatedAt, s.UpdatedAt)).SingleOrDefaultAsync(ct);
        return share is null ? null : new ShareDetails(share, await ChangesAsync(db, id, 10, ct));
    }

    public async Task<IReadOnlyList<PriceChangeResponse>?> ShareChangesAsync(int id, int limit, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Shares.AnyAsync(s => s.Id == id, ct) ? await ChangesAsync(db, id, limit, ct) : null;
    }

    public async Task<IReadOnlyList<PriceChangeResponse>> LatestChangesAsync(int limit, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await ChangesAsync(db, null, limit, ct);
    }

    // History ids grow with insertion, so "newest" is the primary key read backwards: no index on ChangedAt to keep
    // up to date on the update's hot path. One share's history uses its (ShareId, ChangedAt) index.
    private static Task<List<PriceChangeResponse>> ChangesAsync(AppDbContext db, int? shareId, int limit, CancellationToken ct) =>
        (shareId is { } id
            ? db.PriceChanges.AsNoTracking().Where(c => c.ShareId == id).OrderByDescending(c => c.ChangedAt).ThenByDescending(c => c.Id)
            : db.PriceChanges.AsNoTracking().OrderByDescending(c => c.Id))
            .Take(limit)
            .Join(db.Shares, c => c.ShareId, s => s.Id, (c, s) => new PriceChangeResponse(c.Id, c.RunId, c.ShareId, s.Name, c.OldPrice, c.NewPrice, c.ChangedAt))
            .ToListAsync(ct);

    /// <summary>
    /// Checks the request, and then every share's new price in one query, before anything is written: a refused run
    /// leaves no run, no job and no changed price. An accepted run is handed to Quartz.
    /// </summary>
    public async Task<Validated<PriceUpdateRunResponse>> StartRunAsync(string startedBy, StartPriceUpdateRequest request, CancellationToken ct = default)
    {
        if (RequestValidation.Errors(request) is { Count: > 0 } invalid)
        {
            return Validated.Invalid<PriceUpdateRunResponse>(invalid);
        }

        var check = await PriceBounds.CheckAsync(dataSource, PriceChangeFunction.For(request.Change, request.Amount, request.Seed), null, ct);
        if (check.Breach is { } breach)
        {
            return Validated.Invalid<PriceUpdateRunResponse>(nameof(request.Amount), breach.Describe());
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var run = new PriceUpdateRun
        {
            Id = Guid.CreateVersion7(),
            StartedBy = startedBy,
            Strategy = request.Strategy!.Value,
            Change = request.Change,
            Amount = request.Amount,
            Seed = request.Seed,
            Status = PriceUpdateStatus.Queued,
            Total = check.Shares,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.PriceUpdateRuns.Add(run);
        await db.SaveChangesAsync(ct);

        try
        {
            await ScheduleAsync(run.Id, ct);
        }
        catch (SchedulerException)
        {
            // The exception goes on to the caller's log; the run says what happened in a user's words.
            await db.PriceUpdateRuns.Where(r => r.Id == run.Id).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, PriceUpdateStatus.Failed)
                .SetProperty(r => r.Error, "The run could not be scheduled, so no price was changed. Try again."), CancellationToken.None);
            throw;
        }

        return Validated.Valid(PriceUpdateRunResponse.From(run));
    }

    public async Task<IReadOnlyList<PriceUpdateRunResponse>> ListRunsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var runs = await db.PriceUpdateRuns.AsNoTracking().OrderByDescending(r => r.CreatedAt).Take(RunListLimit).ToListAsync(ct);
        return runs.Select(PriceUpdateRunResponse.From).ToList();
    }

    public async Task<PriceUpdateRunResponse?> GetRunAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var run = await db.PriceUpdateRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
        return run is null ? null : PriceUpdateRunResponse.From(run);
    }

    public Task ScheduleAsync(Guid id, CancellationToken ct) =>
        schedulers.ScheduleRecoverableAsync<PriceUpdateJob>(PriceUpdateJob.KeyFor(id), PriceUpdateJob.RunIdKey, id, ct);

    public JobKey KeyFor(Guid id) => PriceUpdateJob.KeyFor(id);

    public async Task<IReadOnlyList<Guid>> ActiveIdsAsync(DateTime bornBefore, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.PriceUpdateRuns.AsNoTracking()
            .Where(r => (r.Status == PriceUpdateStatus.Queued || r.Status == PriceUpdateStatus.Processing) && r.CreatedAt < bornBefore)
            .Select(r => r.Id)
            .ToListAsync(ct);
    }
}

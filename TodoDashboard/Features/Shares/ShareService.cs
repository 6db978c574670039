using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using TodoDashboard.Data;
using TodoDashboard.Infrastructure.Runs;
using TodoDashboard.Infrastructure.Validation;

namespace TodoDashboard.Features.Shares;

/// <summary>The share market: generating sample shares, browsing, and price-update runs (views of their runs on the engine).</summary>
public sealed class ShareService(
    IDbContextFactory<AppDbContext> dbFactory, NpgsqlDataSource dataSource, RunEngine engine, PriceUpdateKind kind, RunNotifier notifier)
{
    public const int RunListLimit = 50;

    /// <summary>Creates "Share 1".."Share N" at i × 10 in one statement; shares that exist already are left alone.</summary>
    public async Task<GenerateSharesResponse> GenerateAsync(int count, CancellationToken ct = default)
    {
        var startedAt = Stopwatch.GetTimestamp();
        await using var command = dataSource.CreateCommand("""
            WITH created AS (
                INSERT INTO shares (name, price, created_at, updated_at)
                SELECT 'Share ' || i, i * 10, now(), now() FROM generate_series(1, $1) AS i
                ON CONFLICT (name) DO NOTHING
                RETURNING 1)
            SELECT (SELECT count(*) FROM created)::int, (SELECT count(*) FROM shares)::int
            """);
        command.Parameters.Add(new() { Value = count });
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var created = reader.GetInt32(0);

        // The second count reads the snapshot from before the insert, so add what it created.
        var total = reader.GetInt32(1) + created;
        return new GenerateSharesResponse(created, total, Stopwatch.GetElapsedTime(startedAt).TotalMilliseconds);
    }

    public async Task<SharePage> ListAsync(int page, int pageSize, ShareSort sort, SortOrder order, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        IQueryable<Share> shares = db.Set<Share>().AsNoTracking();
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

        var total = await db.Set<Share>().CountAsync(ct);
        var items = await shares.Skip((page - 1) * pageSize).Take(pageSize)
            .Select(s => new ShareResponse(s.Id, s.Name, s.Price, s.CreatedAt, s.UpdatedAt)).ToListAsync(ct);
        return new SharePage(items, total, page, pageSize);
    }

    public async Task<ShareDetails?> GetAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var share = await db.Set<Share>().AsNoTracking().Where(s => s.Id == id)
            .Select(s => new ShareResponse(s.Id, s.Name, s.Price, s.CreatedAt, s.UpdatedAt)).SingleOrDefaultAsync(ct);
        return share is null ? null : new ShareDetails(share, await ChangesAsync(db, id, 10, ct));
    }

    public async Task<IReadOnlyList<PriceChangeResponse>?> ShareChangesAsync(int id, int limit, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<Share>().AnyAsync(s => s.Id == id, ct) ? await ChangesAsync(db, id, limit, ct) : null;
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
            ? db.Set<PriceChange>().AsNoTracking().Where(c => c.ShareId == id).OrderByDescending(c => c.ChangedAt).ThenByDescending(c => c.Id)
            : db.Set<PriceChange>().AsNoTracking().OrderByDescending(c => c.Id))
            .Take(limit)
            .Join(db.Set<Share>(), c => c.ShareId, s => s.Id, (c, s) => new PriceChangeResponse(c.Id, c.RunId, c.ShareId, s.Name, c.OldPrice, c.NewPrice, c.ChangedAt))
            .ToListAsync(ct);

    /// <summary>
    /// Checks the request, and then every share's new price in one query, before anything is written: a refused run
    /// leaves no run and no changed price. An accepted run is handed to the run engine.
    /// </summary>
    public async Task<Validated<PriceUpdateRunResponse>> StartRunAsync(RunOwner owner, StartPriceUpdateRequest request, CancellationToken ct = default)
    {
        var started = await engine.StartAsync(kind, owner, request, ct);
        return started.Value is { } start ? Validated.Valid(PriceUpdateRunResponse.From(start.Run)) : Validated.Invalid<PriceUpdateRunResponse>(started.Errors);
    }

    public async Task<IReadOnlyList<PriceUpdateRunResponse>> ListRunsAsync(CancellationToken ct = default)
    {
        var page = await engine.ListAsync(new RunQuery(Kind: PriceUpdateKind.KindName, Limit: RunListLimit), RunViewer.Everyone, ct);
        return page.Items.Select(PriceUpdateRunResponse.From).ToList();
    }

    public async Task<PriceUpdateRunResponse?> GetRunAsync(Guid id, CancellationToken ct = default) =>
        await engine.GetAsync(id, ct) is { Kind: PriceUpdateKind.KindName } run ? PriceUpdateRunResponse.From(run) : null;

    /// <summary>Calls <paramref name="changed"/> on every change to any price-update run, from any node, and on resyncs.</summary>
    public IDisposable SubscribeToRuns(Action changed) =>
        notifier.Subscribe(change => change.Kind == PriceUpdateKind.KindName, _ => changed());
}

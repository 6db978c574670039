using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using TodoDashboard.Data;
using TodoDashboard.Infrastructure.Runs;
using TodoDashboard.Infrastructure.Validation;

namespace TodoDashboard.Features.MultiDatabase;

/// <summary>
/// The multi-database panel's runs and rows. The default dataset and custom batches are inserted inside the request
/// (<see cref="RunAsync"/>, by <see cref="MultiDbInserter"/>) and stored; scale runs are background runs of
/// <see cref="MultiDbScaleKind"/> (<see cref="StartScaleAsync"/>). Both are listed and read as one.
/// </summary>
public sealed class MultiDbService(
    IDbContextFactory<UsersDbContext> usersDb,
    IDbContextFactory<ProductsDbContext> productsDb,
    IDbContextFactory<OrdersDbContext> ordersDb,
    IDbContextFactory<AppDbContext> appDb,
    MultiDbConnections connections,
    MultiDbInserter inserter,
    RunEngine engine,
    MultiDbScaleKind scaleKind,
    RunNotifier notifier,
    TimeProvider clock)
{
    public const int StoredRowsLimit = 1000;

    private static readonly JsonSerializerOptions ResultJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>
    /// Runs the default dataset or a custom batch, or refuses it (nothing written) when it is malformed or asks for more
    /// than the server's cap. A scale batch is not run here: <see cref="StartScaleAsync"/> starts it in the background.
    /// </summary>
    public async Task<Validated<MultiDbRunResult>> RunAsync(string startedBy, MultiDbBatch request, CancellationToken ct = default)
    {
        if (RequestValidation.Errors(request) is { Count: > 0 } invalid)
        {
            return Validated.Invalid<MultiDbRunResult>(invalid);
        }

        var bound = inserter.Bound(request.MaxConcurrency);
        if (!bound.IsValid)
        {
            return Validated.Invalid<MultiDbRunResult>(bound.Errors);
        }

        if (request.Scale is not null)
        {
            throw new ArgumentException("A scale batch runs in the background: start it with StartScaleAsync.", nameof(request));
        }

        var kind = request.IsDefaultDataset ? MultiDbRunKind.Default : MultiDbRunKind.Custom;
        var batch = request.IsDefaultDataset ? MultiDbRules.DefaultDataset : request;
        var (id, createdAt, startedAt) = (Guid.CreateVersion7(), clock.GetUtcNow().UtcDateTime, Stopwatch.GetTimestamp());
        var ordered = await inserter.InsertAsync(id, batch, bound.Value, ct);
        var elapsed = Stopwatch.GetElapsedTime(startedAt).TotalMilliseconds;
        var summary = Enum.GetValues<MultiDbTable>().Select(table => TableSummary.Of(table, ordered)).ToList();

        // Large batches keep every problem row but not every success, so the stored result stays small.
        var kept = ordered.Count <= StoredRowsLimit ? ordered : ordered.Where(r => r.Status != RowStatus.Inserted).Take(StoredRowsLimit).ToList();
        var result = new MultiDbRunResult(id, startedBy, kind, createdAt, elapsed, bound.Value, summary, kept, ordered.Count - kept.Count);

        await using var db = await appDb.CreateDbContextAsync(CancellationToken.None);
        db.Set<MultiDbRun>().Add(new MultiDbRun
        {
            Id = id,
            StartedBy = startedBy,
            Kind = kind,
            CreatedAt = createdAt,
            ElapsedMs = elapsed,
            Result = JsonSerializer.Serialize(result, ResultJson),
        });
        await db.SaveChangesAsync(CancellationToken.None);
        return Validated.Valid(result);
    }

    /// <summary>
    /// Checks a scale batch and starts it as a background run (any number may run at once; they share the connection
    /// budget): the queued run's view, or why not, with nothing started.
    /// </summary>
    public async Task<Validated<MultiDbRunResult>> StartScaleAsync(RunOwner owner, MultiDbBatch request, CancellationToken ct = default)
    {
        if (RequestValidation.Errors(request) is { Count: > 0 } invalid)
        {
            return Validated.Invalid<MultiDbRunResult>(invalid);
        }

        if (request.Scale is not { } scale)
        {
            throw new ArgumentException("Only a scale batch runs in the background.", nameof(request));
        }

        var started = await engine.StartAsync(scaleKind, owner, new ScaleRunParameters { Scale = scale, MaxConcurrency = request.MaxConcurrency }, ct);
        return started.Value is { } start
            ? Validated.Valid(MultiDbScaleKind.View(start.Run, clock.GetUtcNow().UtcDateTime))
            : Validated.Invalid<MultiDbRunResult>(started.Errors);
    }

    /// <summary>The newest runs of both sorts: stored batches, and the scale runs <paramref name="viewer"/> may see.</summary>
    public async Task<IReadOnlyList<MultiDbRunSummary>> ListRunsAsync(RunViewer viewer, int limit, CancellationToken ct = default)
    {
        List<MultiDbRun> stored;
        await using (var db = await appDb.CreateDbContextAsync(ct))
        {
            stored = await db.Set<MultiDbRun>().AsNoTracking().OrderByDescending(r => r.CreatedAt).Take(limit).ToListAsync(ct);
        }

        var scale = await engine.ListAsync(new RunQuery(Kind: MultiDbScaleKind.KindName, Limit: limit), viewer, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        return stored.Select(r => Deserialize(r.Result)).Concat(scale.Items.Select(r => MultiDbScaleKind.View(r, now)))
            .OrderByDescending(r => r.CreatedAt).Take(limit)
            .Select(r => new MultiDbRunSummary(r.Id, r.StartedBy, r.Kind, r.CreatedAt, r.ElapsedMs, r.Summary, r.Progress)).ToList();
    }

    /// <summary>A stored batch, or a scale run <paramref name="viewer"/> may see (as far as it has got).</summary>
    public async Task<MultiDbRunResult?> GetRunAsync(Guid id, RunViewer viewer, CancellationToken ct = default)
    {
        await using (var db = await appDb.CreateDbContextAsync(ct))
        {
            if (await db.Set<MultiDbRun>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct) is { } stored)
            {
                return Deserialize(stored.Result);
            }
        }

        return await engine.GetAsync(id, viewer, ct) is { Kind: MultiDbScaleKind.KindName } run ? MultiDbScaleKind.View(run, clock.GetUtcNow().UtcDateTime) : null;
    }

    /// <summary>Cancels a scale run: it stops after the step it is in, keeping what it committed.</summary>
    public async Task<RunActionResult> CancelScaleAsync(RunViewer viewer, Guid id, CancellationToken ct = default) =>
        await engine.GetAsync(id, ct) is { Kind: MultiDbScaleKind.KindName }
            ? await engine.CancelAsync(id, viewer, ct)
            : new RunActionResult(RunActionOutcome.NotFound);

    /// <summary>Calls <paramref name="changed"/> on every change to a scale run, from any node, and on resyncs.</summary>
    public IDisposable SubscribeToScaleRuns(Action changed) =>
        notifier.Subscribe(change => change.Kind == MultiDbScaleKind.KindName, _ => changed());

    public async Task<RowPage<MdbUser>> UsersAsync(int page, int pageSize, CancellationToken ct = default)
    {
        using var permit = await connections.AcquireAsync(MultiDbTable.Users, ct);
        await using var db = await usersDb.CreateDbContextAsync(ct);
        return await PageAsync(db.Users.AsNoTracking().OrderBy(u => u.Id), page, pageSize, ct);
    }

    public async Task<RowPage<MdbProduct>> ProductsAsync(int page, int pageSize, CancellationToken ct = default)
    {
        using var permit = await connections.AcquireAsync(MultiDbTable.Products, ct);
        await using var db = await productsDb.CreateDbContextAsync(ct);
        return await PageAsync(db.Products.AsNoTracking().OrderBy(p => p.Id), page, pageSize, ct);
    }

    public async Task<RowPage<MdbOrder>> OrdersAsync(int page, int pageSize, CancellationToken ct = default)
    {
        using var permit = await connections.AcquireAsync(MultiDbTable.Orders, ct);
        await using var db = await ordersDb.CreateDbContextAsync(ct);
        return await PageAsync(db.Orders.AsNoTracking().OrderBy(o => o.Id), page, pageSize, ct);
    }

    private static async Task<RowPage<T>> PageAsync<T>(IOrderedQueryable<T> query, int page, int pageSize, CancellationToken ct) =>
        new(await query.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct), await query.CountAsync(ct), page, pageSize);

    private static MultiDbRunResult Deserialize(string json) => JsonSerializer.Deserialize<MultiDbRunResult>(json, ResultJson)!;
}

using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using TodoDashboard.Data;
using TodoDashboard.Infrastructure.Validation;

namespace TodoDashboard.Features.MultiDatabase;

/// <summary>
/// Validates and inserts a batch of users, products and orders into their three databases concurrently: one unit of
/// work per row, each with its own context and connection, at most the run's bound at once (itself at most
/// <see cref="MultiDbOptions.MaxConcurrency"/>), and every query within its database's share of the server's
/// connections (<see cref="MultiDbConnections"/>), which all runs share.
/// An order waits for the rows it names in the batch; every row ends inserted or reported.
/// </summary>
public sealed class MultiDbService(
    IDbContextFactory<UsersDbContext> usersDb,
    IDbContextFactory<ProductsDbContext> productsDb,
    IDbContextFactory<OrdersDbContext> ordersDb,
    IDbContextFactory<AppDbContext> appDb,
    MultiDbConnections connections,
    IOptions<MultiDbOptions> options,
    TimeProvider clock)
{
    public const int StoredRowsLimit = 1000;

    private static readonly JsonSerializerOptions ResultJson = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>Runs the batch, or refuses it (nothing written) when it is malformed or asks for more than the server's cap.</summary>
    public async Task<Validated<MultiDbRunResult>> RunAsync(string startedBy, MultiDbBatch request, CancellationToken ct = default)
    {
        var cap = Math.Max(1, options.Value.MaxConcurrency);
        if (RequestValidation.Errors(request) is { Count: > 0 } invalid)
        {
            return Validated.Invalid<MultiDbRunResult>(invalid);
        }

        if (request.MaxConcurrency > cap)
        {
            return Validated.Invalid<MultiDbRunResult>(nameof(request.MaxConcurrency),
                $"maxConcurrency is at most {cap} on this server (MultiDatabase:MaxConcurrency): ask for {cap} or fewer rows at once.");
        }

        var kind = request.Scale is not null ? "scale" : request.Users is null && request.Products is null && request.Orders is null ? "default" : "custom";
        var batch = request.Scale is { } n ? MultiDbRules.Generate(n) : kind == "default" ? MultiDbRules.DefaultDataset : request;
        var bound = request.MaxConcurrency ?? cap;
        using var run = new Execution(Guid.CreateVersion7(), bound, clock.GetUtcNow().UtcDateTime, ct);

        var users = Numbered(batch.Users, r => r.Row).ToDictionary(r => r.Number, r => run.Start(MultiDbTable.Users, r.Number,
            () => MultiDbRules.Check(r.Row), null, (id, token) => InsertUserAsync(r.Row, id, token)));
        var products = Numbered(batch.Products, r => r.Row).ToDictionary(r => r.Number, r => run.Start(MultiDbTable.Products, r.Number,
            () => MultiDbRules.Check(r.Row), null, (id, token) => InsertProductAsync(r.Row, id, token)));
        var orders = Numbered(batch.Orders, r => r.Row).Select(r => run.Start(MultiDbTable.Orders, r.Number,
            () => MultiDbRules.Check(r.Row),
            () => OrderReferencesAsync(r.Row, users, products),
            (id, token) => InsertOrderAsync(r.Row, users, products, id, token))).ToList();

        var rows = await Task.WhenAll(users.Values.Concat(products.Values).Concat(orders));
        var elapsed = run.Elapsed.TotalMilliseconds;
        var ordered = rows.OrderBy(r => r.Table).ThenBy(r => r.Row).ToList();
        var summary = Enum.GetValues<MultiDbTable>().Select(table => new TableSummary(
            table,
            ordered.Count(r => r.Table == table && r.Status == RowStatus.Inserted),
            ordered.Count(r => r.Table == table && r.Status == RowStatus.Rejected),
            ordered.Count(r => r.Table == table && r.Status == RowStatus.Error))).ToList();

        // Large runs keep every problem row but not every success, so the stored result stays small.
        var kept = ordered.Count <= StoredRowsLimit ? ordered : ordered.Where(r => r.Status != RowStatus.Inserted).Take(StoredRowsLimit).ToList();
        var result = new MultiDbRunResult(run.Id, startedBy, kind, run.CreatedAt, elapsed, bound, summary, kept, ordered.Count - kept.Count);

        await using var db = await appDb.CreateDbContextAsync(CancellationToken.None);
        db.MultiDbRuns.Add(new MultiDbRun
        {
            Id = run.Id,
            StartedBy = startedBy,
            Kind = kind,
            CreatedAt = run.CreatedAt,
            ElapsedMs = elapsed,
            Result = JsonSerializer.Serialize(result, ResultJson),
        });
        await db.SaveChangesAsync(CancellationToken.None);
        return Validated.Valid(result);
    }

    public async Task<IReadOnlyList<MultiDbRunSummary>> ListRunsAsync(int limit, CancellationToken ct = default)
    {
        await using var db = await appDb.CreateDbContextAsync(ct);
        var runs = await db.MultiDbRuns.AsNoTracking().OrderByDescending(r => r.CreatedAt).Take(limit).ToListAsync(ct);
        return runs.Select(r => Deserialize(r.Result)).Select(r => new MultiDbRunSummary(r.Id, r.StartedBy, r.Kind, r.CreatedAt, r.ElapsedMs, r.Summary)).ToList();
    }

    public async Task<MultiDbRunResult?> GetRunAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await appDb.CreateDbContextAsync(ct);
        var run = await db.MultiDbRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
        return run is null ? null : Deserialize(run.Result);
    }

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

    private static IEnumerable<(int Number, T Row)> Numbered<T>(IReadOnlyList<T>? rows, Func<T, int?> number) =>
        rows is null ? [] : MultiDbRules.Number(rows.Select(number)).Zip(rows);

    /// <summary>References to rows of the same batch: waited for, and reported when missing or rejected.</summary>
    private static async Task<List<string>> OrderReferencesAsync(
        OrderRow order, Dictionary<int, Task<RowResult>> users, Dictionary<int, Task<RowResult>> products)
    {
        var errors = new List<string>();
        if (order.UserRow is { } userRow)
        {
            errors.AddRange(await ReferenceErrorAsync("User", userRow, users));
        }

        if (order.ProductRow is { } productRow)
        {
            errors.AddRange(await ReferenceErrorAsync("Product", productRow, products));
        }

        return errors;
    }

    private static async Task<IEnumerable<string>> ReferenceErrorAsync(string what, int row, Dictionary<int, Task<RowResult>> rows)
    {
        if (!rows.TryGetValue(row, out var referenced))
        {
            return [$"{what} row {row} does not exist in this batch."];
        }

        var result = await referenced;
        return result.Status == RowStatus.Inserted ? [] : [$"{what} row {row} was {result.Status.ToString().ToLowerInvariant()}, so the order cannot reference it."];
    }

    private async Task<int> InsertUserAsync(UserRow row, Guid runId, CancellationToken ct)
    {
        using var permit = await connections.AcquireAsync(MultiDbTable.Users, ct);
        await using var db = await usersDb.CreateDbContextAsync(ct);
        var user = new MdbUser { Name = row.Name!.Trim(), Email = row.Email!.Trim(), RunId = runId, CreatedAt = clock.GetUtcNow().UtcDateTime };
        db.Users.Add(user);
        await db.SaveChangesAsync(ct);
        return user.Id;
    }

    private async Task<int> InsertProductAsync(ProductRow row, Guid runId, CancellationToken ct)
    {
        using var permit = await connections.AcquireAsync(MultiDbTable.Products, ct);
        await using var db = await productsDb.CreateDbContextAsync(ct);
        var product = new MdbProduct { Name = row.Name!.Trim(), Price = row.Price!.Value, RunId = runId, CreatedAt = clock.GetUtcNow().UtcDateTime };
        db.Products.Add(product);
        await db.SaveChangesAsync(ct);
        return product.Id;
    }

    private async Task<int> InsertOrderAsync(
        OrderRow row, Dictionary<int, Task<RowResult>> users, Dictionary<int, Task<RowResult>> products, Guid runId, CancellationToken ct)
    {
        var userId = row.UserId ?? (await users[row.UserRow!.Value]).Id!.Value;
        var productId = row.ProductId ?? (await products[row.ProductRow!.Value]).Id!.Value;

        // Nothing crosses databases in SQL: ids named directly are checked here, in each database.
        var missing = new List<string>();
        if (row.UserId is { } uid)
        {
            using var usersPermit = await connections.AcquireAsync(MultiDbTable.Users, ct);
            await using var users1 = await usersDb.CreateDbContextAsync(ct);
            if (!await users1.Users.AnyAsync(u => u.Id == uid, ct))
            {
                missing.Add($"User id {uid} does not exist.");
            }
        }

        if (row.ProductId is { } pid)
        {
            using var productsPermit = await connections.AcquireAsync(MultiDbTable.Products, ct);
            await using var products1 = await productsDb.CreateDbContextAsync(ct);
            if (!await products1.Products.AnyAsync(p => p.Id == pid, ct))
            {
                missing.Add($"Product id {pid} does not exist.");
            }
        }

        if (missing.Count > 0)
        {
            throw new RowRejectedException(missing);
        }

        using var ordersPermit = await connections.AcquireAsync(MultiDbTable.Orders, ct);
        await using var db = await ordersDb.CreateDbContextAsync(ct);
        var order = new MdbOrder { UserId = userId, ProductId = productId, Quantity = row.Quantity!.Value, RunId = runId, CreatedAt = clock.GetUtcNow().UtcDateTime };
        db.Orders.Add(order);
        await db.SaveChangesAsync(ct);
        return order.Id;
    }

    private sealed class RowRejectedException(List<string> errors) : Exception(string.Join(" ", errors))
    {
        public List<string> Errors { get; } = errors;
    }

    /// <summary>One run's shared state: its id, its clock and the bound on concurrent inserts.</summary>
    private sealed class Execution(Guid id, int bound, DateTime createdAt, CancellationToken ct) : IDisposable
    {
        private readonly SemaphoreSlim _gate = new(bound);
        private readonly long _startedAt = Stopwatch.GetTimestamp();

        public Guid Id { get; } = id;

        public DateTime CreatedAt { get; } = createdAt;

        public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_startedAt);

        public void Dispose() => _gate.Dispose();

        public Task<RowResult> Start(
            MultiDbTable table, int row, Func<List<string>> validate, Func<Task<List<string>>>? references, Func<Guid, CancellationToken, Task<int>> insert) =>
            Task.Run(async () =>
            {
                var errors = validate();
                if (references is not null)
                {
                    // Waiting for referenced rows happens outside the bound, so waiting orders never starve the rows they wait for.
                    errors.AddRange(await references());
                }

                var startedAt = Elapsed.TotalMilliseconds;
                if (errors.Count > 0)
                {
                    return new RowResult(table, row, RowStatus.Rejected, errors, null, startedAt, 0);
                }

                await _gate.WaitAsync(ct);
                try
                {
                    startedAt = Elapsed.TotalMilliseconds;
                    var newId = await insert(Id, ct);
                    return new RowResult(table, row, RowStatus.Inserted, [], newId, startedAt, Elapsed.TotalMilliseconds - startedAt);
                }
                catch (RowRejectedException rejected)
                {
                    return new RowResult(table, row, RowStatus.Rejected, rejected.Errors, null, startedAt, Elapsed.TotalMilliseconds - startedAt);
                }
                catch (Exception ex) when (ex is DbUpdateException or NpgsqlException or InvalidOperationException)
                {
                    return new RowResult(table, row, RowStatus.Error, [ex.GetBaseException().Message], null, startedAt, Elapsed.TotalMilliseconds - startedAt);
                }
                finally
                {
                    _gate.Release();
                }
            }, ct);
    }
}

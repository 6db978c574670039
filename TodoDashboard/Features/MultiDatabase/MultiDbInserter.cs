using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Npgsql;
using TodoDashboard.Infrastructure.Validation;

namespace TodoDashboard.Features.MultiDatabase;

/// <summary>
/// Inserts a batch of users, products and orders into their three databases concurrently: one unit of work per row,
/// each with its own context and connection, at most the run's bound at once (itself at most
/// <see cref="MultiDbOptions.MaxConcurrency"/>), and every query within its database's share of the server's
/// connections (<see cref="MultiDbConnections"/>), which all runs share. An order waits for the rows it names in the
/// batch; every row ends inserted or reported. Each insert is idempotent on the row's natural key (run, row number):
/// a row the run already holds is found instead of inserted again, so a scale run that redoes a step after a crash
/// duplicates nothing, although the three databases cannot share a transaction with the run's progress.
/// </summary>
public sealed class MultiDbInserter(
    IDbContextFactory<UsersDbContext> usersDb,
    IDbContextFactory<ProductsDbContext> productsDb,
    IDbContextFactory<OrdersDbContext> ordersDb,
    MultiDbConnections connections,
    IOptions<MultiDbOptions> options,
    TimeProvider clock)
{
    /// <summary>The bound a run asks for, or the server's cap when it names none; one above the cap is refused.</summary>
    public Validated<int> Bound(int? requested)
    {
        var cap = Math.Max(1, options.Value.MaxConcurrency);
        return requested > cap
            ? Validated.Invalid<int>(nameof(MultiDbBatch.MaxConcurrency),
                $"maxConcurrency is at most {cap} on this server (MultiDatabase:MaxConcurrency): ask for {cap} or fewer rows at once.")
            : Validated.Valid(requested ?? cap);
    }

    /// <summary>Inserts the batch's rows as run <paramref name="runId"/>'s: every row's outcome, by table and row number.</summary>
    public async Task<IReadOnlyList<RowResult>> InsertAsync(Guid runId, MultiDbBatch batch, int bound, CancellationToken ct)
    {
        using var run = new Execution(bound, ct);
        var users = Numbered(batch.Users, r => r.Row).ToDictionary(r => r.Number, r => run.Start(MultiDbTable.Users, r.Number,
            () => MultiDbRules.Check(r.Row), null, token => InsertUserAsync(r.Row, r.Number, runId, token)));
        var products = Numbered(batch.Products, r => r.Row).ToDictionary(r => r.Number, r => run.Start(MultiDbTable.Products, r.Number,
            () => MultiDbRules.Check(r.Row), null, token => InsertProductAsync(r.Row, r.Number, runId, token)));
        var orders = Numbered(batch.Orders, r => r.Row).Select(r => run.Start(MultiDbTable.Orders, r.Number,
            () => MultiDbRules.Check(r.Row),
            () => OrderReferencesAsync(r.Row, users, products),
            token => InsertOrderAsync(r.Row, r.Number, users, products, runId, token))).ToList();

        var rows = await Task.WhenAll(users.Values.Concat(products.Values).Concat(orders));
        return rows.OrderBy(r => r.Table).ThenBy(r => r.Row).ToList();
    }

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

    private async Task<int> InsertUserAsync(UserRow row, int number, Guid runId, CancellationToken ct)
    {
        using var permit = await connections.AcquireAsync(MultiDbTable.Users, ct);
        await using var db = await usersDb.CreateDbContextAsync(ct);
        var (name, email, at) = (row.Name!.Trim(), row.Email!.Trim(), clock.GetUtcNow().UtcDateTime);
        return await InsertOnceAsync(db, db.Users, runId, number, $"""
            INSERT INTO users (name, email, run_id, row_number, created_at) VALUES ({name}, {email}, {runId}, {number}, {at})
            ON CONFLICT (run_id, row_number) DO NOTHING RETURNING id
            """, ct);
    }

    private async Task<int> InsertProductAsync(ProductRow row, int number, Guid runId, CancellationToken ct)
    {
        using var permit = await connections.AcquireAsync(MultiDbTable.Products, ct);
        await using var db = await productsDb.CreateDbContextAsync(ct);
        var (name, price, at) = (row.Name!.Trim(), row.Price!.Value, clock.GetUtcNow().UtcDateTime);
        return await InsertOnceAsync(db, db.Products, runId, number, $"""
            INSERT INTO products (name, price, run_id, row_number, created_at) VALUES ({name}, {price}, {runId}, {number}, {at})
            ON CONFLICT (run_id, row_number) DO NOTHING RETURNING id
            """, ct);
    }

    private async Task<int> InsertOrderAsync(
        OrderRow row, int number, Dictionary<int, Task<RowResult>> users, Dictionary<int, Task<RowResult>> products, Guid runId, CancellationToken ct)
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
        var (quantity, at) = (row.Quantity!.Value, clock.GetUtcNow().UtcDateTime);
        return await InsertOnceAsync(db, db.Orders, runId, number, $"""
            INSERT INTO orders (user_id, product_id, quantity, run_id, row_number, created_at)
            VALUES ({userId}, {productId}, {quantity}, {runId}, {number}, {at})
            ON CONFLICT (run_id, row_number) DO NOTHING RETURNING id
            """, ct);
    }

    // A row the run already holds (inserted by a step whose progress never committed, or by a retried command whose
    // first try did commit) conflicts on its natural key, inserts nothing, and is found by that key instead.
    private static async Task<int> InsertOnceAsync<TRow>(
        DbContext db, IQueryable<TRow> rows, Guid runId, int number, FormattableString insert, CancellationToken ct)
        where TRow : class, IMultiDbRow
    {
        var inserted = await db.Database.SqlQuery<int>(insert).ToListAsync(ct);
        return inserted.Count > 0
            ? inserted[0]
            : await rows.Where(r => r.RunId == runId && r.RowNumber == number).Select(r => r.Id).SingleAsync(ct);
    }

    private sealed class RowRejectedException(List<string> errors) : Exception(string.Join(" ", errors))
    {
        public List<string> Errors { get; } = errors;
    }

    /// <summary>One batch's shared state: its clock and the bound on concurrent inserts.</summary>
    private sealed class Execution(int bound, CancellationToken ct) : IDisposable
    {
        private readonly SemaphoreSlim _gate = new(bound);
        private readonly long _startedAt = Stopwatch.GetTimestamp();

        private TimeSpan Elapsed => Stopwatch.GetElapsedTime(_startedAt);

        public void Dispose() => _gate.Dispose();

        public Task<RowResult> Start(
            MultiDbTable table, int row, Func<List<string>> validate, Func<Task<List<string>>>? references, Func<CancellationToken, Task<int>> insert) =>
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
                    var newId = await insert(ct);
                    return new RowResult(table, row, RowStatus.Inserted, [], newId, startedAt, Elapsed.TotalMilliseconds - startedAt);
                }
                catch (RowRejectedException rejected)
                {
                    return new RowResult(table, row, RowStatus.Rejected, rejected.Errors, null, startedAt, Elapsed.TotalMilliseconds - startedAt);
                }
                catch (Exception ex) when (ex is DbUpdateException or NpgsqlException or InvalidOperationException or RetryLimitExceededException)
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

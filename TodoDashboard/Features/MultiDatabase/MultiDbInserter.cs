using System.Diagnostics;
using Microsoft.Extensions.Options;
using Npgsql;
using TodoDashboard.Infrastructure.Validation;

namespace TodoDashboard.Features.MultiDatabase;

/// <summary>
/// Inserts a batch of users, products and orders into their three databases concurrently: one unit of work per row,
/// each with its own connection and transaction, at most the run's bound at once (itself at most
/// <see cref="MultiDbOptions.MaxConcurrency"/>), and every query within its database's share of the server's
/// connections (<see cref="MultiDbConnections"/>), which all runs share. An order waits for the rows it names in the
/// batch; every row ends inserted or reported. Each insert is idempotent on the row's natural key (run, row number):
/// a row the run already holds is found instead of inserted again, so a scale run that redoes a step after a crash
/// duplicates nothing, although the three databases cannot share a transaction with the run's progress.
/// </summary>
public sealed class MultiDbInserter(
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

    private Task<int> InsertUserAsync(UserRow row, int number, Guid runId, CancellationToken ct) =>
        InsertOnceAsync(MultiDbTable.Users, """
            INSERT INTO users (name, email, run_id, row_number, created_at) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (run_id, row_number) DO NOTHING RETURNING id
            """, "SELECT id FROM users WHERE run_id = $1 AND row_number = $2",
            runId, number, [row.Name!.Trim(), row.Email!.Trim()], ct);

    private Task<int> InsertProductAsync(ProductRow row, int number, Guid runId, CancellationToken ct) =>
        InsertOnceAsync(MultiDbTable.Products, """
            INSERT INTO products (name, price, run_id, row_number, created_at) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (run_id, row_number) DO NOTHING RETURNING id
            """, "SELECT id FROM products WHERE run_id = $1 AND row_number = $2",
            runId, number, [row.Name!.Trim(), row.Price!.Value], ct);

    private async Task<int> InsertOrderAsync(
        OrderRow row, int number, Dictionary<int, Task<RowResult>> users, Dictionary<int, Task<RowResult>> products, Guid runId, CancellationToken ct)
    {
        var userId = row.UserId ?? (await users[row.UserRow!.Value]).Id!.Value;
        var productId = row.ProductId ?? (await products[row.ProductRow!.Value]).Id!.Value;

        // Nothing crosses databases in SQL: ids named directly are checked here, in each database.
        var missing = new List<string>();
        if (row.UserId is { } uid && !await ExistsAsync(MultiDbTable.Users, "SELECT EXISTS (SELECT 1 FROM users WHERE id = $1)", uid, ct))
        {
            missing.Add($"User id {uid} does not exist.");
        }

        if (row.ProductId is { } pid && !await ExistsAsync(MultiDbTable.Products, "SELECT EXISTS (SELECT 1 FROM products WHERE id = $1)", pid, ct))
        {
            missing.Add($"Product id {pid} does not exist.");
        }

        if (missing.Count > 0)
        {
            throw new RowRejectedException(missing);
        }

        return await InsertOnceAsync(MultiDbTable.Orders, """
            INSERT INTO orders (user_id, product_id, quantity, run_id, row_number, created_at) VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (run_id, row_number) DO NOTHING RETURNING id
            """, "SELECT id FROM orders WHERE run_id = $1 AND row_number = $2",
            runId, number, [userId, productId, row.Quantity!.Value], ct);
    }

    private Task<bool> ExistsAsync(MultiDbTable database, string sql, int id, CancellationToken ct) =>
        connections.ExecuteAsync(database, async (connection, token) =>
        {
            await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new() { Value = id } } };
            return (bool)(await command.ExecuteScalarAsync(token))!;
        }, ct);

    // Plain commands on the database's pool, auto-prepared there (MultiDbConnections): a row costs its statement, not a
    // context and a query pipeline. The row's values come first, then run, row number and creation time.
    // A row the run already holds (inserted by a step whose progress never committed, or by a retried command whose
    // first try did commit) conflicts on its natural key, inserts nothing, and is found by that key instead.
    private Task<int> InsertOnceAsync(
        MultiDbTable database, string insert, string find, Guid runId, int number, object[] values, CancellationToken ct) =>
        connections.ExecuteAsync(database, async (connection, token) =>
        {
            await using (var command = new NpgsqlCommand(insert, connection))
            {
                foreach (var value in values)
                {
                    command.Parameters.Add(new NpgsqlParameter { Value = value });
                }

                command.Parameters.Add(new NpgsqlParameter { Value = runId });
                command.Parameters.Add(new NpgsqlParameter { Value = number });
                command.Parameters.Add(new NpgsqlParameter { Value = clock.GetUtcNow().UtcDateTime });
                if (await command.ExecuteScalarAsync(token) is int inserted)
                {
                    return inserted;
                }
            }

            await using var existing = new NpgsqlCommand(find, connection)
            {
                Parameters = { new() { Value = runId }, new() { Value = number } },
            };
            return (int)(await existing.ExecuteScalarAsync(token))!;
        }, ct);

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
                catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
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

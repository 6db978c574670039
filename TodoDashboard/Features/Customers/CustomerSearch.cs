using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Npgsql;

namespace TodoDashboard.Features.Customers;

/// <summary>
/// The optimized listing: filters and full-text search on indexed expressions, keyset pages, no COUNT(*),
/// and repeated pages from <see cref="CustomerCache"/>.
/// </summary>
public sealed class CustomerSearch(NpgsqlDataSource dataSource, CustomerCache cache)
{
    private const int CountExactlyUpTo = 100_000;

    // The app's data source prepares nothing by itself (see DatabaseSetup), so the search prepares its statements
    // explicitly: parsed and planned once per connection. Each text stays prepared on every connection it ran on and a
    // search has one text per filter combination, so only the first texts seen are prepared; the rest run unprepared.
    private const int PreparedTextsLimit = 50;

    private readonly ConcurrentDictionary<string, byte> _preparedTexts = new();

    public async Task<CustomerPage> SearchAsync(CustomerQuery query, CustomerCursor? cursor, CancellationToken ct = default)
    {
        var startedAt = Stopwatch.GetTimestamp();
        var key = CacheKey(query, cursor);
        if (await cache.GetAsync(key, ct) is { } cached)
        {
            return ToPage(cached, startedAt, cached: true);
        }

        var epoch = cache.Epoch;
        var sql = new CustomerSearchSql(query);
        var (page, ids) = await QueryAsync(sql, cursor, ct);
        await cache.StoreAsync(key, page, CustomerCache.TagsFor(sql, ids), epoch, ct);
        return ToPage(page, startedAt, cached: false);
    }

    /// <summary>
    /// Every customer the query matches, in its order, read by keyset in pages of <paramref name="pageSize"/> (the query's own
    /// page size and the cache are not used): a caller that writes each row out as it comes holds one page at a time.
    /// </summary>
    public async IAsyncEnumerable<CustomerResponse> ReadAllAsync(
        CustomerQuery query, int pageSize, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        var sql = new CustomerSearchSql(query);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        CustomerCursor? cursor = null;
        while (true)
        {
            var (rows, _, _) = await ReadAsync(connection, sql, cursor, backward: false, pageSize, ct, withEstimate: false);
            foreach (var row in rows)
            {
                yield return row.Customer;
            }

            if (rows.Count < pageSize)
            {
                yield break;
            }

            cursor = new CustomerCursor(query.SortBy, query.Descending, Backward: false, rows[^1].SortKey, rows[^1].Customer.Id);
        }
    }

    /// <summary>
    /// How many customers there are, without counting millions of rows: the planner's figure from the last ANALYZE.
    /// Before the first one (or after one of an empty table) it is unknown, so a small table is counted exactly.
    /// </summary>
    public async Task<CustomerCount> CountAsync(CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var estimate = new NpgsqlCommand("SELECT reltuples::bigint FROM pg_class WHERE oid = 'customers'::regclass", connection);
        if (await estimate.ExecuteScalarAsync(ct) is long analyzed and > 0)
        {
            return new CustomerCount(analyzed, Exact: false);
        }

        // LIMIT: at most one row more than is counted exactly, so a big table that was never analyzed costs little.
        await using var count = new NpgsqlCommand("SELECT count(*) FROM (SELECT FROM customers LIMIT 100001) AS first_rows", connection);
        var counted = (long)(await count.ExecuteScalarAsync(ct))!;
        if (counted <= CountExactlyUpTo)
        {
            return new CustomerCount(counted, Exact: true);
        }

        await using var explain = new NpgsqlCommand("EXPLAIN (FORMAT JSON) SELECT FROM customers", connection);
        using var plan = JsonDocument.Parse((string)(await explain.ExecuteScalarAsync(ct))!);
        return new CustomerCount(Math.Max(counted, PlanRows(plan)), Exact: false);
    }

    private static long PlanRows(JsonDocument plan) =>
        (long)plan.RootElement[0].GetProperty("Plan").GetProperty("Plan Rows").GetDouble();

    private static CustomerPage ToPage(CachedCustomerPage page, long startedAt, bool cached) => new(
        page.Results, page.Next, page.Previous, page.EstimatedTotal,
        new QueryPerformance(Stopwatch.GetElapsedTime(startedAt).TotalMilliseconds, cached ? 0 : page.QueryCount, cached));

    // Hashed: a query with a long search and a cursor would pass HybridCache's key length limit (1,024).
    internal static string CacheKey(CustomerQuery query, CustomerCursor? cursor) =>
        "customers:page:" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes($"{JsonSerializer.Serialize(query)}:{cursor?.Encode()}")));

    private async Task<(CachedCustomerPage Page, List<long> Ids)> QueryAsync(CustomerSearchSql sql, CustomerCursor? cursor, CancellationToken ct)
    {
        var size = sql.Query.PageSize;
        var backward = cursor?.Backward ?? false;
        await using var connection = await dataSource.OpenConnectionAsync(ct);

        var (rows, estimate, queries) = await ReadAsync(connection, sql, cursor, backward, size + 1, ct);
        if (backward && rows.Count < size)
        {
            // Fewer rows before the cursor than a page (some were deleted, or it was near the top): show the first page.
            (rows, _, var more) = await ReadAsync(connection, sql, null, false, size + 1, ct, withEstimate: false);
            queries += more;
            cursor = null;
            backward = false;
        }

        var ids = rows.Select(r => r.Customer.Id).ToList();
        var hasMore = rows.Count > size;
        var shown = rows.Take(size).ToList();
        if (backward)
        {
            shown.Reverse();
        }

        string? next, previous;
        if (!backward)
        {
            next = hasMore ? Cursor(sql, shown[^1], backward: false) : null;
            previous = cursor is null ? null
                : shown.Count > 0 ? Cursor(sql, shown[0], backward: true)
                : (cursor with { Backward = true }).Encode();
        }
        else
        {
            previous = hasMore ? Cursor(sql, shown[0], backward: true) : null;
            next = Cursor(sql, shown[^1], backward: false);
        }

        return (new CachedCustomerPage(shown.Select(r => r.Customer).ToList(), next, previous, estimate, queries), ids);
    }

    private static string Cursor(CustomerSearchSql sql, Row row, bool backward) =>
        new CustomerCursor(sql.Query.SortBy, sql.Query.Descending, backward, row.SortKey, row.Customer.Id).Encode();

    /// <summary>Reads the segments in turn until <paramref name="limit"/> rows; the first one travels with the estimate.</summary>
    private async Task<(List<Row> Rows, long Estimate, int Queries)> ReadAsync(
        NpgsqlConnection connection, CustomerSearchSql sql, CustomerCursor? cursor, bool backward, int limit, CancellationToken ct,
        bool withEstimate = true)
    {
        var rows = new List<Row>();
        long estimate = 0;
        string? estimateKey = null;
        var estimateEpoch = cache.EstimateEpoch;
        var queries = 0;
        foreach (var segment in sql.Segments(cursor, backward, limit))
        {
            await using var batch = new NpgsqlBatch(connection);
            batch.BatchCommands.Add(Command(segment.Sql, segment.Parameters));
            var estimating = false;
            if (withEstimate && queries == 0)
            {
                var (estimateSql, parameters) = sql.EstimateCommand();
                estimateKey = EstimateKey(estimateSql, parameters);
                estimating = !cache.TryGetEstimate(estimateKey, out estimate);
                if (estimating)
                {
                    batch.BatchCommands.Add(Command(estimateSql, parameters));
                }
            }

            if (ShouldPrepare(segment.Sql))
            {
                await batch.PrepareAsync(ct);
            }

            await using var reader = await batch.ExecuteReaderAsync(ct);
            queries += batch.BatchCommands.Count;
            while (rows.Count < limit && await reader.ReadAsync(ct))
            {
                rows.Add(ReadRow(reader, sql.Key));
            }

            if (estimating && await reader.NextResultAsync(ct) && await reader.ReadAsync(ct))
            {
                using var plan = JsonDocument.Parse(reader.GetString(0));
                estimate = PlanRows(plan);
                cache.StoreEstimate(estimateKey!, estimate, estimateEpoch);
            }

            if (rows.Count >= limit)
            {
                break;
            }
        }

        return (rows, estimate, queries);
    }

    // The statement and its values: the planner's estimate depends on both (Anthony is common, Zebulon is not).
    private static string EstimateKey(string sql, IReadOnlyList<NpgsqlParameter> parameters) =>
        string.Join('\u001f', parameters.Select(p => Convert.ToString(p.Value, System.Globalization.CultureInfo.InvariantCulture)).Prepend(sql));

    private bool ShouldPrepare(string sql) =>
        _preparedTexts.ContainsKey(sql) || (_preparedTexts.Count < PreparedTextsLimit && _preparedTexts.TryAdd(sql, 0));

    private static NpgsqlBatchCommand Command(string sql, IEnumerable<NpgsqlParameter> parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters.ToArray());
        return command;
    }

    private static Row ReadRow(NpgsqlDataReader r, CustomerSortKey key)
    {
        var customer = new CustomerResponse(
            r.GetInt64(0), r.GetString(1), r.GetString(2), GenderNames.Parse(r.GetString(3)), r.GetString(4),
            r.IsDBNull(5) ? null : r.GetString(5),
            r.IsDBNull(6) ? null : r.GetFieldValue<DateOnly>(6),
            r.GetDateTime(7), r.GetDateTime(8),
            r.IsDBNull(12) ? null : new CustomerAddressDto(r.GetString(9), r.GetString(10), r.GetString(11), r.GetString(12), r.GetString(13)),
            new CustomerRelationshipDto(r.GetInt32(14), r.GetDateTime(15), r.IsDBNull(16) ? null : r.GetDateTime(16)),
            r.GetFieldValue<uint>(17));
        var sortKey = r.IsDBNull(18) ? null : key.FromDatabase(r.GetValue(18));
        return new Row(customer, sortKey);
    }

    private sealed record Row(CustomerResponse Customer, string? SortKey);
}

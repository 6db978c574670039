using System.Data;
using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace TodoDashboard.Features.Customers.Generation;

/// <summary>
/// Executes a generation run: fake customers made on one core stream through a bounded channel into binary COPY
/// on the other, a batch per transaction together with the run's <c>Done</c>. A large load drops the secondary
/// indexes first (recording their definitions in the run) and rebuilds them once at the end.
/// <para>
/// Whatever happens, a run only finishes once every index it dropped is back: a crash or shutdown leaves it active
/// (Loading resumes from <c>Done</c> with the next numbers, Indexing builds what is missing); a failed load still
/// goes through Indexing before it ends Failed; a failed index build leaves the run Indexing for the recovery sweep.
/// </para>
/// </summary>
public sealed partial class CustomerGenerationRunner(
    NpgsqlDataSource dataSource, IOptions<CustomerGenerationOptions> options, TimeProvider clock, ILogger<CustomerGenerationRunner> logger)
{
    /// <summary>The session advisory lock (two int4 keys) held by whoever executes a run, in this database.</summary>
    internal const int LockClass = 0x43555354;
    internal const int LockObject = 1;

    internal const string IndexPrefix = "ix_customers_";

    private const string CopySql = """
        COPY customers (first_name, last_name, gender, customer_id, phone_number, birthday, created, last_updated,
                        street, street_number, city_code, city, country, points, relationship_created, last_activity)
        FROM STDIN (FORMAT BINARY)
        """;

    private const int ChunkSize = 2_000;

    private static readonly TimeSpan LockRetryDelay = TimeSpan.FromMilliseconds(100);

    private static readonly string BulkChangePayload = CustomerChange.Bulk.ToPayload();

    /// <summary>
    /// Runs (or resumes) the run to its end. Returns null when it is not active or another session is executing it;
    /// throws, leaving it active, when cancelled or when its indexes could not be rebuilt.
    /// </summary>
    public async Task<CustomerGenerationRunResponse?> RunAsync(
        Guid runId, Action<CustomerGenerationRunResponse>? onProgress = null, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        if (!await TryLockAsync(connection, ct))
        {
            LogBusy(logger, runId);
            return null;
        }

        try
        {
            var run = await ClaimAsync(connection, runId, ct);
            if (run is null)
            {
                return null;
            }

            void Report() => onProgress?.Invoke(CustomerGenerationRunResponse.From(run));
            Report();
            if (run.Status == GenerationStatus.Loading)
            {
                await LoadOrRecordFailureAsync(connection, run, Report, ct);
            }

            await BuildIndexesAsync(connection, run, Report, ct);
            await FinishAsync(connection, run, ct);
            Report();
            return CustomerGenerationRunResponse.From(run);
        }
        finally
        {
            // A pooled connection keeps its session locks until it is reset, so release the lock explicitly.
            if (connection.FullState == ConnectionState.Open)
            {
                await using var unlock = new NpgsqlCommand($"SELECT pg_advisory_unlock({LockClass}, {LockObject})", connection);
                await unlock.ExecuteNonQueryAsync(CancellationToken.None);
            }
        }
    }

    /// <summary>Waits a moment for the lock: a runner that has just finished a run may not have released it yet.</summary>
    private static async Task<bool> TryLockAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"SELECT pg_try_advisory_lock({LockClass}, {LockObject})", connection);
        for (var attempt = 0; attempt < 20; attempt++)
        {
            if ((bool)(await command.ExecuteScalarAsync(ct))!)
            {
                return true;
            }

            await Task.Delay(LockRetryDelay, ct);
        }

        return false;
    }

    private async Task<CustomerGenerationRun?> ClaimAsync(NpgsqlConnection connection, Guid runId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            UPDATE customer_generation_runs
            SET "Status" = CASE WHEN "Status" = 'Queued' THEN 'Loading' ELSE "Status" END,
                "StartedAt" = COALESCE("StartedAt", $2), "Error" = CASE WHEN "Status" = 'Queued' THEN NULL ELSE "Error" END
            WHERE "Id" = $1 AND "Status" IN ('Queued', 'Loading', 'Indexing')
            RETURNING "StartedBy", "Count", "Done", "FirstNumber", "Status", "DroppedIndexes"::text, "IndexesBuilt",
                      "CreatedAt", "StartedAt", "LoadMs", "IndexMs", "Error"
            """, connection)
        {
            Parameters = { new() { Value = runId }, new() { Value = clock.GetUtcNow().UtcDateTime } },
        };
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        return new CustomerGenerationRun
        {
            Id = runId,
            StartedBy = reader.GetString(0),
            Count = reader.GetInt32(1),
            Done = reader.GetInt32(2),
            FirstNumber = reader.GetInt64(3),
            Status = Enum.Parse<GenerationStatus>(reader.GetString(4)),
            DroppedIndexes = JsonSerializer.Deserialize<List<string>>(reader.GetString(5)) ?? [],
            IndexesBuilt = reader.GetInt32(6),
            CreatedAt = reader.GetDateTime(7),
            StartedAt = reader.GetDateTime(8),
            LoadMs = reader.IsDBNull(9) ? null : reader.GetDouble(9),
            IndexMs = reader.IsDBNull(10) ? null : reader.GetDouble(10),
            Error = reader.IsDBNull(11) ? null : reader.GetString(11),
        };
    }

    private async Task LoadOrRecordFailureAsync(NpgsqlConnection connection, CustomerGenerationRun run, Action report, CancellationToken ct)
    {
        try
        {
            if (run.Done == 0 && run.DroppedIndexes.Count == 0 && await IsBulkLoadAsync(connection, run.Count, ct))
            {
                await DropIndexesAsync(connection, run, ct);
                report();
            }

            await LoadAsync(connection, run, report, ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            if (connection.FullState != ConnectionState.Open)
            {
                // Lost the server: like a crash, the run stays Loading and resumes from its last batch.
                throw;
            }

            // The rows committed so far stay; the indexes dropped for the load come back before the run ends Failed.
            LogLoadFailed(logger, run.Id, run.Done, ex);
            run.Error = Truncate(ex.Message);
        }

        run.Status = GenerationStatus.Indexing;
        await using var command = new NpgsqlCommand(
            """UPDATE customer_generation_runs SET "Status" = 'Indexing', "Error" = $2 WHERE "Id" = $1""", connection)
        {
            Parameters = { new() { Value = run.Id }, new() { Value = (object?)run.Error ?? DBNull.Value } },
        };
        await command.ExecuteNonQueryAsync(ct);
        report();
    }

    /// <summary>Adding more rows than the table holds, or very many: building the indexes once beats updating them per row.</summary>
    private async Task<bool> IsBulkLoadAsync(NpgsqlConnection connection, int count, CancellationToken ct)
    {
        if (count > options.Value.BulkLoadThreshold)
        {
            return true;
        }

        await using var command = new NpgsqlCommand("SELECT count(*)::int FROM (SELECT 1 FROM customers LIMIT $1) AS c", connection)
        {
            Parameters = { new() { Value = count } },
        };
        return (int)(await command.ExecuteScalarAsync(ct))! < count;
    }

    private static async Task DropIndexesAsync(NpgsqlConnection connection, CustomerGenerationRun run, CancellationToken ct)
    {
        // One transaction: either the definitions are stored and the indexes gone, or neither.
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var indexes = new List<(string Name, string Definition)>();
        await using (var read = new NpgsqlCommand("""
            SELECT indexname, indexdef FROM pg_indexes
            WHERE schemaname = current_schema() AND tablename = 'customers' AND indexname LIKE $1
            ORDER BY indexname
            """, connection, transaction))
        {
            read.Parameters.Add(new() { Value = IndexPrefix.Replace("_", "\\_", StringComparison.Ordinal) + "%" });
            await using var reader = await read.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                indexes.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        if (indexes.Count == 0)
        {
            return;
        }

        var definitions = indexes.Select(i => i.Definition).ToList();
        await using (var store = new NpgsqlCommand(
            """UPDATE customer_generation_runs SET "DroppedIndexes" = $2 WHERE "Id" = $1""", connection, transaction))
        {
            store.Parameters.Add(new() { Value = run.Id });
            store.Parameters.Add(new() { Value = JsonSerializer.Serialize(definitions), NpgsqlDbType = NpgsqlDbType.Jsonb });
            await store.ExecuteNonQueryAsync(ct);
        }

        var names = string.Join(", ", indexes.Select(i => $"\"{i.Name}\""));
        await using (var drop = new NpgsqlCommand($"DROP INDEX {names}", connection, transaction))
        {
            await drop.ExecuteNonQueryAsync(ct);
        }

        await transaction.CommitAsync(ct);
        run.DroppedIndexes = definitions;
    }

    private async Task LoadAsync(NpgsqlConnection connection, CustomerGenerationRun run, Action report, CancellationToken ct)
    {
        var batchSize = Math.Max(1, options.Value.GenerationBatchSize);
        var chunks = Channel.CreateBounded<Customer[]>(new BoundedChannelOptions(32) { SingleReader = true, SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var producer = Task.Run(() => ProduceAsync(chunks.Writer, run, batchSize, stop.Token), CancellationToken.None);
        try
        {
            var batchStarted = Stopwatch.GetTimestamp();
            while (run.Done < run.Count)
            {
                var rows = Math.Min(batchSize, run.Count - run.Done);
                await using var transaction = await connection.BeginTransactionAsync(ct);
                await using (var importer = await connection.BeginBinaryImportAsync(CopySql, ct))
                {
                    for (var written = 0; written < rows;)
                    {
                        var chunk = await chunks.Reader.ReadAsync(ct);
                        foreach (var customer in chunk)
                        {
                            Write(importer, customer);
                        }

                        written += chunk.Length;
                    }

                    await importer.CompleteAsync(ct);
                }

                var elapsedMs = Stopwatch.GetElapsedTime(batchStarted).TotalMilliseconds;
                await using (var advance = new NpgsqlCommand("""
                    WITH advanced AS (
                        UPDATE customer_generation_runs SET "Done" = "Done" + $2, "LoadMs" = COALESCE("LoadMs", 0) + $3
                        WHERE "Id" = $1 RETURNING 1)
                    SELECT pg_notify($4, $5) FROM advanced
                    """, connection, transaction))
                {
                    advance.Parameters.Add(new() { Value = run.Id });
                    advance.Parameters.Add(new() { Value = rows });
                    advance.Parameters.Add(new() { Value = elapsedMs });
                    advance.Parameters.Add(new() { Value = CustomerChange.Channel });
                    advance.Parameters.Add(new() { Value = BulkChangePayload });
                    await advance.ExecuteNonQueryAsync(ct);
                }

                await transaction.CommitAsync(ct);
                batchStarted = Stopwatch.GetTimestamp();
                run.Done += rows;
                run.LoadMs = (run.LoadMs ?? 0) + elapsedMs;
                report();
            }
        }
        finally
        {
            await stop.CancelAsync();
            await producer;
        }
    }

    /// <summary>
    /// Makes the remaining customers in chunks that never straddle a batch, so each batch is exactly its rows.
    /// It never throws: a failure (or being stopped) completes the channel, and the reader sees it.
    /// </summary>
    private async Task ProduceAsync(ChannelWriter<Customer[]> writer, CustomerGenerationRun run, int batchSize, CancellationToken ct)
    {
        try
        {
            // Seeded by where it starts, so a run and its resumption draw different people for different numbers.
            var faker = new CustomerFaker(unchecked((int)(run.FirstNumber + run.Done)), clock.GetUtcNow().UtcDateTime);
            for (var index = run.Done; index < run.Count;)
            {
                var batchEnd = Math.Min(run.Count, run.Done + ((((index - run.Done) / batchSize) + 1) * batchSize));
                var chunk = new Customer[Math.Min(ChunkSize, batchEnd - index)];
                for (var i = 0; i < chunk.Length; i++)
                {
                    chunk[i] = faker.Next(run.FirstNumber + index + i);
                }

                await writer.WriteAsync(chunk, ct);
                index += chunk.Length;
            }

            writer.Complete();
        }
        catch (Exception ex)
        {
            writer.Complete(ex);
        }
    }

    // Synchronous on purpose: the importer only touches the socket when its buffer fills, and an await per column
    // costs more than the row itself. This runs on the run's own thread, never on a request's.
    private static void Write(NpgsqlBinaryImporter importer, Customer customer)
    {
        importer.StartRow();
        importer.Write(customer.FirstName, NpgsqlDbType.Varchar);
        importer.Write(customer.LastName, NpgsqlDbType.Varchar);
        importer.Write(GenderNames.ToName(customer.Gender), NpgsqlDbType.Varchar);
        importer.Write(customer.CustomerId, NpgsqlDbType.Varchar);
        WriteNullable(importer, customer.PhoneNumber);
        if (customer.Birthday is { } birthday)
        {
            importer.Write(birthday, NpgsqlDbType.Date);
        }
        else
        {
            importer.WriteNull();
        }

        importer.Write(customer.Created, NpgsqlDbType.TimestampTz);
        importer.Write(customer.LastUpdated, NpgsqlDbType.TimestampTz);
        var address = customer.Address;
        WriteNullable(importer, address?.Street);
        WriteNullable(importer, address?.StreetNumber);
        WriteNullable(importer, address?.CityCode);
        WriteNullable(importer, address?.City);
        WriteNullable(importer, address?.Country);
        importer.Write(customer.Relationship.Points, NpgsqlDbType.Integer);
        importer.Write(customer.Relationship.Created, NpgsqlDbType.TimestampTz);
        if (customer.Relationship.LastActivity is { } lastActivity)
        {
            importer.Write(lastActivity, NpgsqlDbType.TimestampTz);
        }
        else
        {
            importer.WriteNull();
        }
    }

    private static void WriteNullable(NpgsqlBinaryImporter importer, string? value)
    {
        if (value is null)
        {
            importer.WriteNull();
        }
        else
        {
            importer.Write(value, NpgsqlDbType.Varchar);
        }
    }

    /// <summary>
    /// Builds every dropped index that is missing, each in its own transaction with the run's count, so a resumed
    /// run skips those already built. A failure leaves the run Indexing, for the recovery sweep to finish.
    /// </summary>
    private async Task BuildIndexesAsync(NpgsqlConnection connection, CustomerGenerationRun run, Action report, CancellationToken ct)
    {
        if (run.DroppedIndexes.Count == 0)
        {
            return;
        }

        try
        {
            var started = Stopwatch.GetTimestamp();
            for (var i = 0; i < run.DroppedIndexes.Count; i++)
            {
                var indexStarted = Stopwatch.GetTimestamp();
                await using var transaction = await connection.BeginTransactionAsync(ct);
                await using (var memory = new NpgsqlCommand("SELECT set_config('maintenance_work_mem', $1, true)", connection, transaction))
                {
                    memory.Parameters.Add(new() { Value = options.Value.IndexBuildMemory });
                    await memory.ExecuteNonQueryAsync(ct);
                }

                await using (var create = new NpgsqlCommand(IfNotExists(run.DroppedIndexes[i]), connection, transaction))
                {
                    create.CommandTimeout = 0;
                    await create.ExecuteNonQueryAsync(ct);
                }

                var elapsedMs = Stopwatch.GetElapsedTime(indexStarted).TotalMilliseconds;
                await using (var advance = new NpgsqlCommand("""
                    UPDATE customer_generation_runs SET "IndexesBuilt" = GREATEST("IndexesBuilt", $2), "IndexMs" = COALESCE("IndexMs", 0) + $3
                    WHERE "Id" = $1
                    """, connection, transaction))
                {
                    advance.Parameters.Add(new() { Value = run.Id });
                    advance.Parameters.Add(new() { Value = i + 1 });
                    advance.Parameters.Add(new() { Value = elapsedMs });
                    await advance.ExecuteNonQueryAsync(ct);
                }

                await transaction.CommitAsync(ct);
                // A resumed run passes the indexes it built before again (IF NOT EXISTS skips them); the count never goes back.
                run.IndexesBuilt = Math.Max(run.IndexesBuilt, i + 1);
                run.IndexMs = (run.IndexMs ?? 0) + elapsedMs;
                report();
            }

            // Fresh statistics, so the planner knows the table's new size and the indexes' worth straight away.
            var analyzeStarted = Stopwatch.GetTimestamp();
            await using (var analyze = new NpgsqlCommand("ANALYZE customers", connection) { CommandTimeout = 0 })
            {
                await analyze.ExecuteNonQueryAsync(ct);
            }

            run.IndexMs = (run.IndexMs ?? 0) + Stopwatch.GetElapsedTime(analyzeStarted).TotalMilliseconds;
            var totalMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            LogIndexesBuilt(logger, run.Id, run.DroppedIndexes.Count, totalMs);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            LogIndexBuildFailed(logger, run.Id, ex);
            if (connection.FullState == ConnectionState.Open)
            {
                // A failed load's own error stays: it is why the run will end Failed once its indexes are back.
                await using var record = new NpgsqlCommand(
                    """UPDATE customer_generation_runs SET "Error" = COALESCE("Error", $2) WHERE "Id" = $1""", connection)
                {
                    Parameters = { new() { Value = run.Id }, new() { Value = Truncate($"Rebuilding the indexes failed (the run will retry): {ex.Message}") } },
                };
                await record.ExecuteNonQueryAsync(CancellationToken.None);
            }

            throw;
        }
    }

    /// <summary>pg_indexes gives "CREATE [UNIQUE] INDEX name ON ..."; IF NOT EXISTS lets a resumed run skip what is built.</summary>
    internal static string IfNotExists(string definition) =>
        CreateIndexPrefix().Replace(definition, "$1 IF NOT EXISTS ", 1);

    [GeneratedRegex(@"^(CREATE (?:UNIQUE )?INDEX) (?!IF NOT EXISTS )")]
    private static partial Regex CreateIndexPrefix();

    /// <summary>Succeeded when every row is in; a load that failed part-way keeps its rows and its error.</summary>
    private async Task FinishAsync(NpgsqlConnection connection, CustomerGenerationRun run, CancellationToken ct)
    {
        run.Status = run.Done == run.Count ? GenerationStatus.Succeeded : GenerationStatus.Failed;
        run.Error = run.Status == GenerationStatus.Succeeded ? null : run.Error;
        run.FinishedAt = clock.GetUtcNow().UtcDateTime;
        await using var command = new NpgsqlCommand("""
            UPDATE customer_generation_runs SET "Status" = $2, "Error" = $3, "FinishedAt" = $4, "IndexMs" = $5 WHERE "Id" = $1
            """, connection)
        {
            Parameters =
            {
                new() { Value = run.Id },
                new() { Value = run.Status.ToString() },
                new() { Value = (object?)run.Error ?? DBNull.Value },
                new() { Value = run.FinishedAt.Value },
                new() { Value = (object?)run.IndexMs ?? DBNull.Value },
            },
        };
        await command.ExecuteNonQueryAsync(ct);
        if (run.Status == GenerationStatus.Failed)
        {
            LogFailed(logger, run.Id, run.Done, run.Count, run.Error);
        }
    }

    private static string Truncate(string message) => message.Length <= 2000 ? message : message[..2000];

    [LoggerMessage(Level = LogLevel.Information, Message = "Customer generation run {RunId} is being executed elsewhere; leaving it.")]
    private static partial void LogBusy(ILogger logger, Guid runId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Customer generation run {RunId} failed after {Done} rows; rebuilding its indexes before it ends.")]
    private static partial void LogLoadFailed(ILogger logger, Guid runId, int done, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Customer generation run {RunId} could not rebuild its indexes; it stays active and will be retried.")]
    private static partial void LogIndexBuildFailed(ILogger logger, Guid runId, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Customer generation run {RunId} rebuilt {Count} indexes and analyzed the table in {ElapsedMs:0} ms.")]
    private static partial void LogIndexesBuilt(ILogger logger, Guid runId, int count, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Customer generation run {RunId} ended Failed with {Done} of {Count} rows: {Error}")]
    private static partial void LogFailed(ILogger logger, Guid runId, int done, int count, string? error);
}

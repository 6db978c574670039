using System.Data;
using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Npgsql;

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

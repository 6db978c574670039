using System.Data;
using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Npgsql;
using NpgsqlTypes;

namespace TodoDashboard.Features.Customers.Generation;

/// <summary>The run's indexes: which loads drop them, dropping them with their definitions kept, and building them back.</summary>
public sealed partial class CustomerGenerationRunner
{
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
}

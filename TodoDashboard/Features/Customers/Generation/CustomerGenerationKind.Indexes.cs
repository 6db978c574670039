using System.Diagnostics;
using System.Text.RegularExpressions;
using Npgsql;
using TodoDashboard.Infrastructure.Runs;

namespace TodoDashboard.Features.Customers.Generation;

/// <summary>The run's indexes: which loads drop them, dropping them with their definitions kept, and building them back.</summary>
public sealed partial class CustomerGenerationKind
{
    internal const string IndexPrefix = "ix_customers_";

    /// <summary>Adding more rows than the table holds, or very many: building the indexes once beats updating them per row.</summary>
    private async Task<bool> IsBulkLoadAsync(NpgsqlConnection connection, int rows, CancellationToken ct)
    {
        if (rows > options.Value.BulkLoadThreshold)
        {
            return true;
        }

        await using var command = new NpgsqlCommand("SELECT count(*)::int FROM (SELECT 1 FROM customers LIMIT $1) AS c", connection)
        {
            Parameters = { new() { Value = rows } },
        };
        return (int)(await command.ExecuteScalarAsync(ct))! < rows;
    }

    /// <summary>Drops the secondary indexes and stores their definitions in the run (the phase, Loading, with them).</summary>
    private static async Task DropIndexesAsync(NpgsqlConnection connection, RunContext<GenerationParameters> run, CancellationToken ct)
    {
        // One transaction: either the definitions are stored and the indexes gone, or neither.
        var dropped = new IndexDrop();
        await run.CommitAsync(connection, async (dropConnection, transaction, token) =>
        {
            var names = new List<string>();
            await using (var read = new NpgsqlCommand("""
                SELECT indexname, indexdef FROM pg_indexes
                WHERE schemaname = current_schema() AND tablename = 'customers' AND indexname LIKE $1
                ORDER BY indexname
                """, dropConnection, transaction))
            {
                read.Parameters.Add(new() { Value = IndexPrefix.Replace("_", "\\_", StringComparison.Ordinal) + "%" });
                await using var reader = await read.ExecuteReaderAsync(token);
                while (await reader.ReadAsync(token))
                {
                    names.Add($"\"{reader.GetString(0)}\"");
                    dropped.DroppedIndexes.Add(reader.GetString(1));
                }
            }

            if (names.Count > 0)
            {
                await using var drop = new NpgsqlCommand($"DROP INDEX {string.Join(", ", names)}", dropConnection, transaction);
                await drop.ExecuteNonQueryAsync(token);
            }

            return 0;
        }, new RunStep(LoadingMessage, dropped), ct);

        if (dropped.DroppedIndexes.Count > 0)
        {
            await run.LogAsync(RunLogLevel.Info,
                $"Dropped {dropped.DroppedIndexes.Count} search indexes for a bulk load; they are rebuilt once the rows are in.", ct);
        }
    }

    /// <summary>
    /// Builds every dropped index not there yet, <see cref="CustomerGenerationOptions.IndexBuildsAtOnce"/> at a time on
    /// connections of their own, each in its own transaction with the run's count of them, so a resumed run builds only
    /// those still missing; then analyzes the table. False, with the run left Indexing, on a failure.
    /// </summary>
    private async Task<bool> BuildIndexesAsync(NpgsqlConnection connection, RunContext<GenerationParameters> run, CancellationToken ct)
    {
        var data = run.Data<GenerationData>();
        var definitions = data.DroppedIndexes;
        if (definitions.Count == 0)
        {
            return true;
        }

        try
        {
            var started = Stopwatch.GetTimestamp();
            var earlierMs = data.IndexMs ?? 0;
            var missing = await MissingIndexesAsync(connection, definitions, ct);
            var built = definitions.Count - missing.Count;
            // Builds finish in any order; their commits (and the count each reports) go one at a time.
            using var commits = new SemaphoreSlim(1, 1);

            // Each build on a pooled connection of its own; the first to fail stops the others (the run retries them later).
            var builds = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Value.IndexBuildsAtOnce), CancellationToken = ct };
            await Parallel.ForEachAsync(missing, builds, async (definition, token) =>
            {
                var figures = new IndexFigures();
                var counted = false;
                try
                {
                    await run.CommitAsync(async (buildConnection, transaction, stepToken) =>
                    {
                        await using (var memory = new NpgsqlCommand("SELECT set_config('maintenance_work_mem', $1, true)", buildConnection, transaction))
                        {
                            memory.Parameters.Add(new() { Value = options.Value.IndexBuildMemory });
                            await memory.ExecuteNonQueryAsync(stepToken);
                        }

                        await using (var create = new NpgsqlCommand(IfNotExists(definition), buildConnection, transaction) { CommandTimeout = 0 })
                        {
                            await create.ExecuteNonQueryAsync(stepToken);
                        }

                        await commits.WaitAsync(stepToken);
                        counted = true;
                        figures.IndexesBuilt = ++built;
                        figures.IndexMs = earlierMs + Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                        return 0;
                    }, new RunStep(RebuildingMessage, figures), token);
                    Observe(run);
                }
                catch when (counted)
                {
                    built--;
                    throw;
                }
                finally
                {
                    if (counted)
                    {
                        commits.Release();
                    }
                }
            });

            // Fresh statistics, so the planner knows the table's new size and the indexes' worth straight away.
            await using (var analyze = new NpgsqlCommand("ANALYZE customers", connection) { CommandTimeout = 0 })
            {
                await analyze.ExecuteNonQueryAsync(ct);
            }

            var indexMs = earlierMs + Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            await run.ReportAsync(new RunStep(Data: new { indexMs, indexesBuilt = definitions.Count }), ct);
            Observe(run);
            var elapsed = Stopwatch.GetElapsedTime(started);
            LogIndexesBuilt(logger, run.Id, definitions.Count, elapsed.TotalMilliseconds);
            await run.LogAsync(RunLogLevel.Info, $"Rebuilt the {definitions.Count} search indexes and analyzed the table in {elapsed.TotalSeconds:N1} s.", ct);
            return true;
        }
        catch (Exception ex) when (ex is not RunSupersededException && !ct.IsCancellationRequested)
        {
            LogIndexBuildFailed(logger, run.Id, ex);
            return false;
        }
    }

    /// <summary>
    /// The dropped definitions whose index is not there (pg_indexes prints a rebuilt index exactly as it printed the
    /// dropped one), the inverted ones first: a GIN build runs on one core only, so it should not be the last one left.
    /// </summary>
    private static async Task<List<string>> MissingIndexesAsync(NpgsqlConnection connection, IReadOnlyList<string> definitions, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            SELECT d FROM unnest($1::text[]) WITH ORDINALITY AS t(d, n)
            WHERE NOT EXISTS (SELECT 1 FROM pg_indexes i WHERE i.schemaname = current_schema() AND i.indexdef = t.d)
            ORDER BY t.d LIKE '% USING gin %' DESC, t.n
            """, connection)
        {
            Parameters = { new() { Value = definitions.ToArray() } },
        };
        var missing = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            missing.Add(reader.GetString(0));
        }

        return missing;
    }

    /// <summary>pg_indexes gives "CREATE [UNIQUE] INDEX name ON ..."; IF NOT EXISTS lets a resumed run skip what is built.</summary>
    internal static string IfNotExists(string definition) =>
        CreateIndexPrefix().Replace(definition, "$1 IF NOT EXISTS ", 1);

    [GeneratedRegex(@"^(CREATE (?:UNIQUE )?INDEX) (?!IF NOT EXISTS )")]
    private static partial Regex CreateIndexPrefix();

    /// <summary>The drop's data, completed by the step that drops them (the engine serialises it once the step has run).</summary>
    private sealed class IndexDrop
    {
        public GenerationPhase Phase { get; } = GenerationPhase.Loading;

        public List<string> DroppedIndexes { get; } = [];

        public int IndexesBuilt { get; }
    }

    /// <summary>An index build's data, completed by the step that builds it.</summary>
    private sealed class IndexFigures
    {
        public int IndexesBuilt { get; set; }

        public double IndexMs { get; set; }
    }
}

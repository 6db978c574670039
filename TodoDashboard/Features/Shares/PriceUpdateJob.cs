using System.Diagnostics;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Quartz;

namespace TodoDashboard.Features.Shares;

/// <summary>
/// Applies a run's price change to every share with its strategy, committing a batch at a time together with
/// the history rows and the run's progress. A run resumed after a crash skips the shares it already changed.
/// </summary>
public sealed partial class PriceUpdateJob(NpgsqlDataSource dataSource, IOptions<ShareOptions> options, ILogger<PriceUpdateJob> logger) : IJob
{
    public const string RunIdKey = "runId";

    // Locks the batch's rows in id order (so concurrent runs queue instead of deadlocking), reads each price as
    // committed by whoever held the lock before, and writes the new price and its history row in one statement.
    private const string ApplyBatchSql = """
        WITH input AS (SELECT * FROM unnest($1::int[], $2::numeric[]) AS t(id, delta)),
        locked AS (
            SELECT s."Id", s."Price" FROM shares s JOIN input i ON i.id = s."Id"
            ORDER BY s."Id" FOR UPDATE OF s),
        updated AS (
            UPDATE shares s SET "Price" = GREATEST(0, ROUND(l."Price" * $3 + i.delta, 2)), "UpdatedAt" = now()
            FROM locked l JOIN input i ON i.id = l."Id"
            WHERE s."Id" = l."Id"
            RETURNING s."Id", l."Price" AS old_price, s."Price" AS new_price)
        INSERT INTO price_changes ("RunId", "ShareId", "OldPrice", "NewPrice", "ChangedAt")
        SELECT $4, "Id", old_price, new_price, now() FROM updated
        """;

    private const string MovedSince = "The prices have moved since the run was accepted, most likely by another run.";

    public static JobKey KeyFor(Guid runId) => new(runId.ToString(), "price-updates");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var runId = Guid.Parse(context.MergedJobDataMap.GetString(RunIdKey)!);
        var run = await BeginAsync(runId, cancellationToken);
        if (run is null)
        {
            return;
        }

        var stopwatch = Stopwatch.StartNew();
        var change = PriceChangeFunction.For(run.Change, run.Amount, run.Seed);
        try
        {
            // The start checked the prices of then; other runs may have moved them since. Checked again, a change
            // that no longer fits stops before it writes anything.
            if ((await PriceBounds.CheckAsync(dataSource, change, runId, cancellationToken)).Breach is { } breach)
            {
                await FailAsync(runId, stopwatch.Elapsed, $"{breach.Describe()} {MovedSince}");
                return;
            }

            var remaining = await RemainingShareIdsAsync(runId, cancellationToken);
            var batchSize = Math.Max(1, options.Value.BatchSize);
            switch (run.Strategy)
            {
                case PriceUpdateStrategy.Sequential:
                    await ApplyOneByOneAsync(runId, remaining, change, batchSize, cancellationToken);
                    break;
                case PriceUpdateStrategy.Parallel:
                    var workers = Math.Max(1, options.Value.ParallelWorkers);
                    var chunk = (remaining.Count + workers - 1) / workers;

                    // The first worker to fail stops the others: a failed run commits as few batches as it can.
                    using (var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                    {
                        await Task.WhenAll(remaining.Chunk(Math.Max(1, chunk)).Select(async part =>
                        {
                            try
                            {
                                await ApplyOneByOneAsync(runId, part, change, batchSize, failed.Token);
                            }
                            catch
                            {
                                await failed.CancelAsync();
                                throw;
                            }
                        }));
                    }

                    break;
                default:
                    foreach (var batch in remaining.Chunk(Math.Max(1, options.Value.BulkBatchSize)))
                    {
                        await CommitBatchAsync(runId, batch, change, setBased: true, cancellationToken);
                    }

                    break;
            }

            await FinishAsync(runId, PriceUpdateStatus.Succeeded, stopwatch.Elapsed, null, CancellationToken.None);
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down (whatever that threw): the run stays Processing and the recovery sweep resumes it on a
            // live instance; recording the time spent is best effort.
            try
            {
                await AddElapsedAsync(runId, stopwatch.Elapsed);
            }
            catch (Exception ex) when (ex is NpgsqlException or ObjectDisposedException)
            {
                LogFailed(logger, runId, ex);
            }
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
            // The log keeps the exception; the run keeps a reason its reader can act on.
            LogFailed(logger, runId, ex);
            await FailAsync(runId, stopwatch.Elapsed, await ReasonAsync(ex, runId, change));
        }
    }

    private async Task<string> ReasonAsync(Exception exception, Guid runId, PriceChangeFunction change)
    {
        if (exception is not PostgresException { SqlState: PostgresErrorCodes.NumericValueOutOfRange })
        {
            return "The database could not complete the update; the server log has the details.";
        }

        try
        {
            var breach = (await PriceBounds.CheckAsync(dataSource, change, runId, CancellationToken.None)).Breach;
            return $"{breach?.Describe() ?? FormattableString.Invariant($"A new price would have been above {Share.MaxPrice:N2}.")} {MovedSince}";
        }
        catch (NpgsqlException ex)
        {
            LogFailed(logger, runId, ex);
            return FormattableString.Invariant($"A new price would have been above {Share.MaxPrice:N2}. {MovedSince}");
        }
    }

    /// <summary>Ends the run as Failed, saying how far it got: the batches it committed keep their new prices.</summary>
    private async Task FailAsync(Guid runId, TimeSpan elapsed, string reason)
    {
        await using var command = dataSource.CreateCommand("""SELECT "Done", "Total" FROM price_update_runs WHERE "Id" = $1""");
        command.Parameters.Add(new() { Value = runId });
        var (done, total) = (0, 0);
        await using (var reader = await command.ExecuteReaderAsync(CancellationToken.None))
        {
            if (await reader.ReadAsync(CancellationToken.None))
            {
                (done, total) = (reader.GetInt32(0), reader.GetInt32(1));
            }
        }

        var error = done == 0
            ? $"No price was changed. {reason}"
            : FormattableString.Invariant($"Stopped after changing {done:N0} of {total:N0} shares, which keep their new prices; the other {Math.Max(0, total - done):N0} keep their old ones. {reason}");
        await FinishAsync(runId, PriceUpdateStatus.Failed, elapsed, error, CancellationToken.None);
    }

    /// <summary>The baseline: one statement per share, on one connection; commits still come a batch at a time.</summary>
    private async Task ApplyOneByOneAsync(Guid runId, IReadOnlyList<int> ids, PriceChangeFunction change, int batchSize, CancellationToken ct)
    {
        foreach (var batch in ids.Chunk(batchSize))
        {
            await CommitBatchAsync(runId, batch, change, setBased: false, ct);
        }
    }

    private async Task CommitBatchAsync(Guid runId, int[] ids, PriceChangeFunction change, bool setBased, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using var apply = new NpgsqlCommand(ApplyBatchSql, connection, transaction)
        {
            Parameters =
            {
                new() { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer },
                new() { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Numeric },
                new() { Value = change.Multiplier, NpgsqlDbType = NpgsqlDbType.Numeric },
                new() { Value = runId },
            },
        };

        if (setBased)
        {
            apply.Parameters[0].Value = ids;
            apply.Parameters[1].Value = ids.Select(change.Delta).ToArray();
            await apply.ExecuteNonQueryAsync(ct);
        }
        else
        {
            await apply.PrepareAsync(ct);
            foreach (var id in ids)
            {
                apply.Parameters[0].Value = new[] { id };
                apply.Parameters[1].Value = new[] { change.Delta(id) };
                await apply.ExecuteNonQueryAsync(ct);
            }
        }

        await using var progress = new NpgsqlCommand(
            """UPDATE price_update_runs SET "Done" = "Done" + $2 WHERE "Id" = $1""", connection, transaction)
        {
            Parameters = { new() { Value = runId }, new() { Value = ids.Length } },
        };
        await progress.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
    }

    private async Task<PriceUpdateRun?> BeginAsync(Guid runId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE price_update_runs SET "Status" = 'Processing', "StartedAt" = COALESCE("StartedAt", now())
            WHERE "Id" = $1 AND "Status" IN ('Queued', 'Processing')
            RETURNING "Strategy", "Change", "Amount", "Seed"
            """);
        command.Parameters.Add(new() { Value = runId });
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        return new PriceUpdateRun
        {
            Id = runId,
            StartedBy = "",
            Strategy = Enum.Parse<PriceUpdateStrategy>(reader.GetString(0)),
            Change = Enum.Parse<PriceChangeKind>(reader.GetString(1)),
            Amount = reader.GetDecimal(2),
            Seed = reader.GetInt32(3),
        };
    }

    private async Task<List<int>> RemainingShareIdsAsync(Guid runId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT s."Id" FROM shares s
            WHERE NOT EXISTS (SELECT 1 FROM price_changes c WHERE c."RunId" = $1 AND c."ShareId" = s."Id")
            ORDER BY s."Id"
            """);
        command.Parameters.Add(new() { Value = runId });
        var ids = new List<int>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            ids.Add(reader.GetInt32(0));
        }

        return ids;
    }

    private async Task FinishAsync(Guid runId, PriceUpdateStatus status, TimeSpan elapsed, string? error, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            UPDATE price_update_runs
            SET "Status" = $2, "FinishedAt" = now(), "ElapsedMs" = COALESCE("ElapsedMs", 0) + $3, "Error" = $4
            WHERE "Id" = $1
            """);
        command.Parameters.Add(new() { Value = runId });
        command.Parameters.Add(new() { Value = status.ToString() });
        command.Parameters.Add(new() { Value = elapsed.TotalMilliseconds });
        command.Parameters.Add(new() { Value = (object?)error ?? DBNull.Value });
        await command.ExecuteNonQueryAsync(ct);
    }

    private async Task AddElapsedAsync(Guid runId, TimeSpan elapsed)
    {
        await using var command = dataSource.CreateCommand(
            """UPDATE price_update_runs SET "ElapsedMs" = COALESCE("ElapsedMs", 0) + $2 WHERE "Id" = $1""");
        command.Parameters.Add(new() { Value = runId });
        command.Parameters.Add(new() { Value = elapsed.TotalMilliseconds });
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Price update run {RunId} failed.")]
    private static partial void LogFailed(ILogger logger, Guid runId, Exception exception);
}

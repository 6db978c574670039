using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using TodoDashboard.Infrastructure.Auth;
using TodoDashboard.Infrastructure.Runs;
using TodoDashboard.Infrastructure.Validation;

namespace TodoDashboard.Features.Shares;

/// <summary>
/// Price updates as a run kind: checked against every share before anything is written, then applied with the run's
/// strategy, a batch per commit together with the history rows and the run's progress. A resumed run skips the
/// shares it already changed (the history's unique (run, share) backs it).
/// </summary>
public sealed partial class PriceUpdateKind(NpgsqlDataSource dataSource, IOptions<ShareOptions> options, ILogger<PriceUpdateKind> logger)
    : RunKind<StartPriceUpdateRequest>
{
    public const string KindName = "price-updates";

    // Locks the batch's rows in id order (so concurrent runs queue instead of deadlocking), reads each price as
    // committed by whoever held the lock before, and writes the new price and its history row in one statement.
    // FOR NO KEY UPDATE is the lock the UPDATE takes anyway, so taking it first costs one pass, not a stronger lock.
    private const string ApplyBatchSql = """
        WITH locked AS (
            SELECT s.id, s.price, i.delta FROM shares s JOIN unnest($1::int[], $2::numeric[]) AS i(id, delta) ON i.id = s.id
            ORDER BY s.id FOR NO KEY UPDATE OF s),
        updated AS (
            UPDATE shares s SET price = GREATEST(0, ROUND(l.price * $3 + l.delta, 2)), updated_at = now()
            FROM locked l
            WHERE s.id = l.id
            RETURNING s.id, l.price AS old_price, s.price AS new_price)
        INSERT INTO price_changes (run_id, share_id, old_price, new_price, changed_at)
        SELECT $4, id, old_price, new_price, now() FROM updated
        """;

    private const string MovedSince = "The prices have moved since the run was accepted, most likely by another run.";

    public override string Name => KindName;

    public override string Title => "Price update";

    // Prices are everyone's: every member sees the runs that changed them; only Operators start them.
    public override bool VisibleToEveryone => true;

    public override string StartRole => AppRoles.Operator;

    /// <summary>Every share's new price is checked in one query: a refused run leaves no run and no changed price.</summary>
    public override async Task<Validated<RunPlan<StartPriceUpdateRequest>>> PlanAsync(
        StartPriceUpdateRequest parameters, RunPlanContext context, CancellationToken ct)
    {
        var check = await PriceBounds.CheckAsync(dataSource, PriceChangeFunction.For(parameters.Change, parameters.Amount, parameters.Seed), null, ct);
        return check.Breach is { } breach
            ? Validated.Invalid<RunPlan<StartPriceUpdateRequest>>(nameof(parameters.Amount), breach.Describe())
            : Validated.Valid(new RunPlan<StartPriceUpdateRequest>(parameters, check.Shares, ActiveKey: null));
    }

    protected override async Task<RunOutcome> ExecuteAsync(RunContext<StartPriceUpdateRequest> run, CancellationToken ct)
    {
        var request = run.Parameters;
        var change = PriceChangeFunction.For(request.Change, request.Amount, request.Seed);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct, run.Cancelled);
        try
        {
            // The start checked the prices of then; other runs may have moved them since. Checked again, a change
            // that no longer fits stops before it writes anything.
            // Nothing committed yet means no history row of this run yet either (they commit together): every share remains.
            Guid? changedBy = run.Done == 0 ? null : run.Id;
            if ((await PriceBounds.CheckAsync(dataSource, change, changedBy, ct)).Breach is { } breach)
            {
                return Failed(run, $"{breach.Describe()} {MovedSince}");
            }

            var remaining = await RemainingShareIdsAsync(changedBy, ct);
            await run.LogAsync(RunLogLevel.Info, $"{remaining.Count:N0} shares to change, {request.Strategy!.Value.ToString().ToLowerInvariant()}.", ct);
            var settings = options.Value;
            await (request.Strategy switch
            {
                PriceUpdateStrategy.Sequential => ApplyAsync(run, remaining, change, settings.BatchSize, setBased: false, stop.Token),
                PriceUpdateStrategy.Parallel => ApplyInPartsAsync(run, remaining, change, settings.ParallelWorkers, settings.BatchSize, setBased: false, stop.Token),
                _ => ApplyInPartsAsync(run, remaining, change, settings.BulkWorkers, settings.BulkBatchSize, setBased: true, stop.Token),
            });

            return RunOutcome.Succeeded;
        }
        catch (NpgsqlException ex) when (!ct.IsCancellationRequested)
        {
            // The log keeps the exception; the run keeps a reason its reader can act on.
            LogFailed(logger, run.Id, ex);
            return Failed(run, await ReasonAsync(ex, run.Id, change));
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

    /// <summary>Says how far a failed run got: the batches it committed keep their new prices.</summary>
    private static RunOutcome Failed(RunContext run, string reason) => RunOutcome.Failed(run.Done == 0
        ? $"No price was changed. {reason}"
        : FormattableString.Invariant($"Stopped after changing {run.Done:N0} of {run.Total:N0} shares, which keep their new prices; the other {Math.Max(0, run.Total - run.Done):N0} keep their old ones. {reason}"));

    /// <summary>
    /// Commits the batches on <paramref name="workers"/> connections at once, each taking the next batch in id order
    /// (disjoint rows, each batch locked in id order: no deadlock between them). The first batch to fail stops the
    /// others, so a failed run commits as few batches as it can.
    /// </summary>
    private static async Task ApplyInPartsAsync(
        RunContext run, IReadOnlyList<int> ids, PriceChangeFunction change, int workers, int batchSize, bool setBased, CancellationToken ct)
    {
        var batches = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, workers), CancellationToken = ct };
        await Parallel.ForEachAsync(ids.Chunk(Math.Max(1, batchSize)), batches,
            async (batch, token) => await CommitBatchAsync(run, batch, change, setBased, token));
    }

    /// <summary>A commit per batch on one connection at a time; row by row (the baseline) or one statement per batch.</summary>
    private static async Task ApplyAsync(RunContext run, IReadOnlyList<int> ids, PriceChangeFunction change, int batchSize, bool setBased, CancellationToken ct)
    {
        foreach (var batch in ids.Chunk(Math.Max(1, batchSize)))
        {
            await CommitBatchAsync(run, batch, change, setBased, ct);
        }
    }

    private static Task<long> CommitBatchAsync(RunContext run, int[] ids, PriceChangeFunction change, bool setBased, CancellationToken ct) =>
        run.CommitAsync(async (connection, transaction, token) =>
        {
            await using var apply = new NpgsqlCommand(ApplyBatchSql, connection, transaction)
            {
                Parameters =
                {
                    new() { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer },
                    new() { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Numeric },
                    new() { Value = change.Multiplier, NpgsqlDbType = NpgsqlDbType.Numeric },
                    new() { Value = run.Id },
                },
            };

            if (setBased)
            {
                apply.Parameters[0].Value = ids;
                apply.Parameters[1].Value = ids.Select(change.Delta).ToArray();
                await apply.ExecuteNonQueryAsync(token);
            }
            else
            {
                await apply.PrepareAsync(token);
                foreach (var id in ids)
                {
                    apply.Parameters[0].Value = new[] { id };
                    apply.Parameters[1].Value = new[] { change.Delta(id) };
                    await apply.ExecuteNonQueryAsync(token);
                }
            }

            return ids.Length;
        }, ct: ct);

    /// <param name="runId">The run whose changed shares are left out; null for all shares.</param>
    private async Task<List<int>> RemainingShareIdsAsync(Guid? runId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT s.id FROM shares s
            WHERE $1::uuid IS NULL OR NOT EXISTS (SELECT 1 FROM price_changes c WHERE c.run_id = $1 AND c.share_id = s.id)
            ORDER BY s.id
            """);
        command.Parameters.Add(new() { Value = (object?)runId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        var ids = new List<int>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            ids.Add(reader.GetInt32(0));
        }

        return ids;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Price update run {RunId} failed.")]
    private static partial void LogFailed(ILogger logger, Guid runId, Exception exception);
}

using System.Data;
using Microsoft.Extensions.Options;
using Npgsql;
using TodoDashboard.Infrastructure.Auth;
using TodoDashboard.Infrastructure.Runs;
using TodoDashboard.Infrastructure.Validation;

namespace TodoDashboard.Features.Customers.Generation;

/// <summary>
/// Customer generation as a run kind, one active in the cluster: fake customers stream through bounded channels into
/// binary COPYs on a few connections at once, a batch per transaction together with the run's progress, committed in
/// batch order. A large
/// load drops the secondary indexes first (their definitions kept in the run's data) and rebuilds them once at the end.
/// <para>
/// Whatever happens, a run only ends once every index it dropped is back: a crash or shutdown leaves it active (the
/// next attempt resumes the load from <c>Done</c> with the next numbers, or builds the indexes still missing); a load
/// that fails or is cancelled still rebuilds them before the run ends; a failed index build keeps the run active, to be
/// tried again.
/// </para>
/// </summary>
public sealed partial class CustomerGenerationKind(
    NpgsqlDataSource dataSource, IOptions<CustomerGenerationOptions> options, TimeProvider clock, ILogger<CustomerGenerationKind> logger)
    : RunKind<GenerationParameters>
{
    public const string KindName = "customer-generation";

    /// <summary>The single-active key every run takes: one active generation in the cluster.</summary>
    public const string ClusterKey = "cluster";

    /// <summary>The transaction lock (two int4 keys) under which a start reserves its customer numbers.</summary>
    internal const int NumberLockClass = 0x43555354;
    internal const int NumberLockObject = 1;

    private const string LoadingMessage = "Loading customers";

    private const string RebuildingMessage = "Rebuilding the search indexes";

    private readonly GenerationStepObservers _observers = new();

    public override string Name => KindName;

    public override string Title => "Customer generation";

    // Customers are everyone's: every member sees the runs that loaded them; only Operators start them.
    public override bool VisibleToEveryone => true;

    public override string StartRole => AppRoles.Operator;

    /// <summary>
    /// Reserves the run's customer numbers in the insert's transaction: after every earlier run's range and every
    /// generated-looking customer id, under a lock held to the commit, so a start that follows sees this range.
    /// </summary>
    public override async Task<Validated<RunPlan<GenerationParameters>>> PlanAsync(
        GenerationParameters parameters, RunPlanContext context, CancellationToken ct)
    {
        if (parameters.Count is < 1 or > GenerateCustomersRequest.MaxCount)
        {
            return Validated.Invalid<RunPlan<GenerationParameters>>(
                nameof(GenerationParameters.Count), $"Choose from 1 to {GenerateCustomersRequest.MaxCount:N0} customers.");
        }

        await using (var reserve = new NpgsqlCommand(
            $"SELECT pg_advisory_xact_lock({NumberLockClass}, {NumberLockObject})", context.Connection, context.Transaction))
        {
            await reserve.ExecuteNonQueryAsync(ct);
        }

        // Ids of exactly "C" and nine digits sort like their numbers, so the unique index finds the largest.
        await using var next = new NpgsqlCommand("""
            SELECT GREATEST(
                (SELECT COALESCE(MAX((parameters->>'firstNumber')::bigint + (parameters->>'count')::bigint), 1)
                 FROM runs WHERE kind = $1),
                (SELECT COALESCE(substring(MAX(customer_id) FROM 2)::bigint, 0) + 1 FROM (
                    SELECT customer_id FROM customers
                    WHERE customer_id BETWEEN 'C000000000' AND 'C999999999' AND customer_id ~ '^C[0-9]{9}$'
                    ORDER BY customer_id DESC LIMIT 1) AS latest))
            """, context.Connection, context.Transaction)
        {
            Parameters = { new() { Value = KindName } },
        };
        var first = (long)(await next.ExecuteScalarAsync(ct))!;
        return Validated.Valid(new RunPlan<GenerationParameters>(parameters with { FirstNumber = first }, parameters.Count, ClusterKey));
    }

    protected override async Task<RunOutcome> ExecuteAsync(RunContext<GenerationParameters> run, CancellationToken ct)
    {
        try
        {
            return await GenerateAsync(run, ct);
        }
        catch (Exception ex) when (ex is not RunSupersededException && !ct.IsCancellationRequested
            && run.Data<GenerationData>() is var data && data.IndexesBuilt < data.DroppedIndexes.Count)
        {
            // Whatever went wrong, a run whose indexes are not all back must not end: it stays active, to be tried again.
            LogUnexpected(logger, run.Id, ex);
            return RunOutcome.TryAgainLater("The run stopped on an unexpected error with the search indexes not yet rebuilt; it stays active until they are back.");
        }
    }

    private async Task<RunOutcome> GenerateAsync(RunContext<GenerationParameters> run, CancellationToken ct)
    {
        // The run's own connection: each COPY batch commits on it together with the run's progress.
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var count = run.Parameters.Count;
        if (run.Data<GenerationData>() is { Stopped: not null, Phase: GenerationPhase.Indexing } ended && ended.IndexesBuilt >= ended.DroppedIndexes.Count)
        {
            // It ended (failed or cancelled) with its indexes back, and a user resumed it: the rest is a load of its own. (A
            // failed run whose attempt crashed between its last index and its end looks the same: it loads again.)
            await run.ReportAsync(new RunStep(LoadingMessage, new
            {
                phase = GenerationPhase.Loading, droppedIndexes = Array.Empty<string>(), indexesBuilt = 0,
                stopped = (GenerationStop?)null, stopReason = (string?)null,
            }), ct);
            await run.LogAsync(RunLogLevel.Info, $"Resumed: loading the remaining {count - run.Done:N0} customers.", ct);
        }

        Observe(run);
        if (run.Data<GenerationData>().Phase != GenerationPhase.Indexing && !await LoadAsync(connection, run, ct))
        {
            return RunOutcome.TryAgainLater("The database connection was lost while loading; the run resumes from its last committed batch.");
        }

        if (!await BuildIndexesAsync(connection, run, ct))
        {
            return RunOutcome.TryAgainLater("Rebuilding the search indexes failed; the run stays active until they are back.");
        }

        var data = run.Data<GenerationData>();
        return data.Stopped switch
        {
            GenerationStop.Cancelled => RunOutcome.Cancelled,
            GenerationStop.Failed => RunOutcome.Failed(data.StopReason ?? $"Loading stopped after {run.Done:N0} of {count:N0} customers."),
            _ when run.Done < count => RunOutcome.Failed($"Loading stopped after {run.Done:N0} of {count:N0} customers; those loaded stay."),
            _ => RunOutcome.Succeeded,
        };
    }

    /// <summary>
    /// Calls <paramref name="observer"/> after each step that this process's attempt at the run commits, on the run's
    /// thread (the command line prints it, with no notification connection); it must be quick and must not throw.
    /// </summary>
    public IDisposable ObserveSteps(Guid runId, Action<GenerationProgress> observer) => _observers.Add(runId, observer);

    /// <summary>
    /// Drops the indexes for a bulk load, then loads the rest a batch at a time; a failure or a cancel stops the load,
    /// kept in the run's data for its end. False when the connection is lost: like a crash, the run stays Loading.
    /// </summary>
    private async Task<bool> LoadAsync(NpgsqlConnection connection, RunContext<GenerationParameters> run, CancellationToken ct)
    {
        var count = run.Parameters.Count;
        GenerationStop? stopped;
        string? reason = null;
        try
        {
            if (run.Data<GenerationData>().DroppedIndexes.Count == 0 && run.Done < count && !run.Cancelled.IsCancellationRequested
                && await IsBulkLoadAsync(connection, (int)(count - run.Done), ct))
            {
                await DropIndexesAsync(connection, run, ct);
            }
            else
            {
                await run.ReportAsync(new RunStep(LoadingMessage, new { phase = GenerationPhase.Loading }), ct);
            }

            Observe(run);
            stopped = await CopyBatchesAsync(connection, run, ct);
        }
        catch (Exception ex) when (ex is not RunSupersededException && !ct.IsCancellationRequested)
        {
            if (ex is LoadConnectionLostException || connection.FullState != ConnectionState.Open)
            {
                LogConnectionLost(logger, run.Id, run.Done, ex);
                return false;
            }

            // The rows committed so far stay; the indexes dropped for the load come back before the run ends Failed.
            LogLoadFailed(logger, run.Id, run.Done, ex);
            stopped = GenerationStop.Failed;
            reason = FailureReason(ex, run.Done, count);
            await run.LogAsync(RunLogLevel.Error, reason, ct);
        }

        var rebuild = run.Data<GenerationData>().DroppedIndexes.Count > 0;
        if (stopped == GenerationStop.Cancelled)
        {
            await run.LogAsync(RunLogLevel.Info, rebuild
                ? $"Cancel seen after {run.Done:N0} of {count:N0} customers: loading stopped; rebuilding the search indexes before the run ends."
                : $"Cancel seen after {run.Done:N0} of {count:N0} customers: loading stopped.", ct);
        }

        await run.ReportAsync(new RunStep(rebuild ? RebuildingMessage : null, new { phase = GenerationPhase.Indexing, stopped, stopReason = reason }), ct);
        Observe(run);
        return true;
    }

    /// <summary>Why the load stopped, in a user's words, from the error's type and fields (never its message).</summary>
    internal static string FailureReason(Exception exception, long done, int count)
    {
        var why = exception switch
        {
            PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: { } constraint } =>
                $"a customer id in this run's range is already taken (unique index {constraint})",
            PostgresException { SqlState: var state } => $"the database refused a batch (SQLSTATE {state}); the server log has the details",
            _ => "an unexpected error stopped it; the server log has the details",
        };
        return $"Loading stopped after {done:N0} of {count:N0} customers: {why}. The customers loaded so far stay.";
    }

    private void Observe(RunContext<GenerationParameters> run) => _observers.Notify(run);

    [LoggerMessage(Level = LogLevel.Error, Message = "Customer generation run {RunId} failed after {Done} rows; rebuilding its indexes before it ends.")]
    private static partial void LogLoadFailed(ILogger logger, Guid runId, long done, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Customer generation run {RunId} lost its connection after {Done} rows; it stays active and resumes from there.")]
    private static partial void LogConnectionLost(ILogger logger, Guid runId, long done, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Customer generation run {RunId} stopped on an unexpected error before its indexes were back; it stays active.")]
    private static partial void LogUnexpected(ILogger logger, Guid runId, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Customer generation run {RunId} could not rebuild its indexes; it stays active and will be retried.")]
    private static partial void LogIndexBuildFailed(ILogger logger, Guid runId, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Customer generation run {RunId} rebuilt {Count} indexes and analyzed the table in {ElapsedMs:0} ms.")]
    private static partial void LogIndexesBuilt(ILogger logger, Guid runId, int count, double elapsedMs);
}

using System.Diagnostics;
using Microsoft.Extensions.Options;
using Npgsql;
using TodoDashboard.Infrastructure.Telemetry;

namespace TodoDashboard.Infrastructure.Runs;

/// <summary>
/// Executes one attempt of a run on this node: takes the run's session lock (one executor per run in the cluster),
/// claims it as a new attempt (subject to fairness), hands it to its kind, and records how the attempt ended.
/// </summary>
public sealed partial class RunExecutor(
    NpgsqlDataSource dataSource,
    RunKinds kinds,
    RunNotifier notifier,
    RunLog log,
    IOptions<RunsOptions> options,
    IConfiguration configuration,
    AppMetrics metrics,
    ILogger<RunExecutor> logger)
{
    /// <summary>The first key of the session advisory lock an executor holds on a run; the second is hashtext(id).</summary>
    internal const int LockClass = 0x52554E53;

    /// <summary>The first key of the transaction lock that serialises one owner's claims (fairness).</summary>
    internal const int OwnerLockClass = 0x52554E4F;

    /// <summary>How many of one user's runs may run at once across the cluster.</summary>
    public int PerUserLimit
    {
        get
        {
            var share = options.Value.MaxShareOfWorkersPerUser;
            var workers = configuration.GetValue("Quartz:MaxConcurrency", 10);
            return share >= 1 ? 0 : Math.Max(1, (int)Math.Floor(share * workers));
        }
    }

    public async Task<RunExecution> ExecuteAsync(Guid runId, string node, CancellationToken shutdown)
    {
        await using var session = await dataSource.OpenConnectionAsync(shutdown);
        if (!await TryLockAsync(session, runId, shutdown))
        {
            return RunExecution.Busy;
        }

        try
        {
            var run = await ClaimAsync(session, runId, node, shutdown);
            if (run is null)
            {
                return await IsQueuedAsync(session, runId, shutdown) ? RunExecution.HeldBack : RunExecution.NotActive;
            }

            await AttemptAsync(run, node, shutdown);
            return RunExecution.Executed;
        }
        finally
        {
            // A pooled connection keeps its session locks until it is reset, so release the lock explicitly.
            if (session.FullState == System.Data.ConnectionState.Open)
            {
                await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock($1, hashtext($2::text))", session)
                {
                    Parameters = { new() { Value = LockClass }, new() { Value = runId } },
                };
                try
                {
                    await unlock.ExecuteNonQueryAsync(CancellationToken.None);
                }
                catch (NpgsqlException)
                {
                    // The session broke while the attempt ran (its server process ended, the network went): its locks
                    // ended with it, and the attempt's end is already recorded.
                }
            }
        }
    }

    private async Task AttemptAsync(Run run, string node, CancellationToken shutdown)
    {
        var kind = kinds.Get(run.Kind);
        using var state = new RunAttemptState(run, node, dataSource, log, metrics);
        using var subscription = notifier.SubscribeToRun(run.Id, change =>
        {
            if (change is { CancelRequested: true } or { IsActive: false })
            {
                state.RequestCancel();
            }
        });

        // A cancel that arrived between the claim and the subscription is read back here.
        if (await CancelRequestedAsync(run.Id, shutdown))
        {
            state.RequestCancel();
        }

        await log.WriteAsync(run.Id, RunLogLevel.Info, run.Attempt == 1
            ? $"Started on {node}."
            : $"Attempt {run.Attempt} started on {node}, from {run.Done:N0} of {run.Total:N0}.", shutdown);

        var stopwatch = Stopwatch.StartNew();
        RunOutcome? outcome;
        try
        {
            outcome = await kind.ExecuteAsync(new RunContext(state), shutdown);
            if (outcome.State == RunState.Succeeded && state.Cancel.IsCancellationRequested && Volatile.Read(ref state.Done) < Volatile.Read(ref state.Total))
            {
                outcome = RunOutcome.Cancelled;
            }
        }
        catch (RunSupersededException)
        {
            // The run ended, or a newer attempt owns it, while this step ran: the step rolled back, and the run's end is not this attempt's to record.
            await EndAttemptAsync(run, state, stopwatch.Elapsed, null, RunAttemptOutcome.Superseded, null);
            return;
        }
        catch (Exception) when (shutdown.IsCancellationRequested)
        {
            // Shutting down (whatever that threw, e.g. a disposed service): the run stays Running, and Quartz's
            // recovery or the recovery sweep gives it a new attempt on a live node.
            LogInterrupted(logger, run.Id);
            await EndAttemptAsync(run, state, stopwatch.Elapsed, null, RunAttemptOutcome.Interrupted, null);
            return;
        }
        catch (OperationCanceledException) when (state.Cancel.IsCancellationRequested)
        {
            outcome = RunOutcome.Cancelled;
        }
        catch (Exception ex)
        {
            // The engine is where a kind's failure stops: whatever it threw, the run ends Failed in words a user can act on.
            LogFailed(logger, run.Id, ex);
            outcome = RunOutcome.Failed("The run stopped on an unexpected error; the server log has the details.");
        }

        if (outcome.State is not { } end)
        {
            LogTryAgain(logger, run.Id, outcome.Error);
            await log.WriteAsync(run.Id, RunLogLevel.Warning, $"{outcome.Error} It will be tried again.", CancellationToken.None);
            await EndAttemptAsync(run, state, stopwatch.Elapsed, null, RunAttemptOutcome.Interrupted, null);
            return;
        }

        await EndAttemptAsync(run, state, stopwatch.Elapsed, end, AttemptOutcome(end), outcome.Error);
    }

    private static RunAttemptOutcome AttemptOutcome(RunState end) => end switch
    {
        RunState.Succeeded => RunAttemptOutcome.Succeeded,
        RunState.Cancelled => RunAttemptOutcome.Cancelled,
        _ => RunAttemptOutcome.Failed,
    };

    /// <summary>Ends the attempt; with <paramref name="end"/>, the run too, unless a newer attempt owns it.</summary>
    private async Task EndAttemptAsync(Run run, RunAttemptState state, TimeSpan elapsed, RunState? end, RunAttemptOutcome attemptOutcome, string? error)
    {
        await using var connection = await dataSource.OpenConnectionAsync(CancellationToken.None);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new($"""
                    UPDATE runs SET elapsed_ms = elapsed_ms + $3,
                        state = COALESCE($2, state),
                        finished_at = CASE WHEN $2 IS NULL THEN finished_at ELSE now() END,
                        error = CASE WHEN $2 IS NULL THEN error ELSE $4 END,
                        message = CASE WHEN $2 IS NULL THEN message ELSE NULL END
                    WHERE id = $1 AND attempt = $5 AND state = '{nameof(RunState.Running)}'
                    """)
                {
                    Parameters =
                    {
                        new() { Value = run.Id },
                        new() { Value = (object?)end?.ToString() ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text },
                        new() { Value = elapsed.TotalMilliseconds },
                        new() { Value = (object?)Truncate(error) ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text },
                        new() { Value = run.Attempt },
                    },
                },
                new("""
                    UPDATE run_attempts SET finished_at = now(), outcome = $3, done_at_end = $4
                    WHERE run_id = $1 AND number = $2
                    """)
                {
                    // What this attempt saw committed, not what a newer attempt has done since.
                    Parameters = { new() { Value = run.Id }, new() { Value = run.Attempt }, new() { Value = attemptOutcome.ToString() }, new() { Value = Volatile.Read(ref state.Done) } },
                },
            },
        };
        await batch.ExecuteNonQueryAsync(CancellationToken.None);
        if (end is { } ended)
        {
            if (batch.BatchCommands[0].RecordsAffected > 0)
            {
                metrics.RunFinished(run.Kind, ended);
            }

            var done = Volatile.Read(ref state.Done);
            var total = Volatile.Read(ref state.Total);
            await log.WriteAsync(run.Id, ended == RunState.Failed ? RunLogLevel.Error : RunLogLevel.Info, ended switch
            {
                RunState.Succeeded => $"Succeeded: {done:N0} of {total:N0} in {elapsed.TotalSeconds:N1} s on this attempt.",
                RunState.Cancelled => $"Cancelled after {done:N0} of {total:N0}; what was committed stays.",
                _ => $"Failed after {done:N0} of {total:N0}: {error}",
            }, CancellationToken.None);
        }
    }

    private static string? Truncate(string? text) => text is null || text.Length <= RunLimits.ErrorLength ? text : text[..RunLimits.ErrorLength];

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} interrupted by shutdown; it will resume elsewhere.")]
    private static partial void LogInterrupted(ILogger logger, Guid runId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Run {RunId} failed.")]
    private static partial void LogFailed(ILogger logger, Guid runId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId} stays active to be tried again: {Reason}")]
    private static partial void LogTryAgain(ILogger logger, Guid runId, string? reason);
}

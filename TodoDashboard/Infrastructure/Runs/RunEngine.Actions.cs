using Npgsql;

namespace TodoDashboard.Infrastructure.Runs;

/// <summary>Acting on runs: cancel, resume, retry, and what a viewer may do.</summary>
public sealed partial class RunEngine
{
    /// <summary>
    /// A queued run is cancelled at once; a running one is flagged, and its executor, told by notification wherever it
    /// runs, stops at its next step and ends it Cancelled, keeping what it committed.
    /// </summary>
    public async Task<RunActionResult> CancelAsync(Guid id, RunViewer viewer, CancellationToken ct = default)
    {
        if (await ActionableAsync(id, viewer, ct) is not { } run)
        {
            return new(RunActionOutcome.NotFound);
        }

        await using var command = dataSource.CreateCommand($"""
            UPDATE runs SET cancel_requested = true,
                state = CASE WHEN state = '{nameof(RunState.Queued)}' THEN '{nameof(RunState.Cancelled)}' ELSE state END,
                finished_at = CASE WHEN state = '{nameof(RunState.Queued)}' THEN now() ELSE finished_at END
            WHERE id = $1 AND state IN {RunStates.ActiveSql}
            RETURNING state
            """);
        command.Parameters.Add(new() { Value = id });
        var state = await command.ExecuteScalarAsync(ct) as string;
        if (state is null)
        {
            return new(RunActionOutcome.Conflict, run, $"The run has already ended {run.State.ToString().ToLowerInvariant()}.");
        }

        if (state == nameof(RunState.Cancelled))
        {
            // It was queued: it ends here; a running one ends when its executor stops.
            metrics.RunFinished(run.Kind, RunState.Cancelled);
        }

        await log.WriteAsync(id, RunLogLevel.Info, "Cancel requested.", ct);
        return new(RunActionOutcome.Done, await GetAsync(id, ct));
    }

    /// <summary>Continues a failed or cancelled run from its last committed step, as a new attempt.</summary>
    public async Task<RunActionResult> ResumeAsync(Guid id, RunViewer viewer, CancellationToken ct = default)
    {
        if (await ActionableAsync(id, viewer, ct) is not { } run)
        {
            return new(RunActionOutcome.NotFound);
        }

        if (!kinds.Get(run.Kind).CanResume || run.State is not (RunState.Failed or RunState.Cancelled))
        {
            return new(RunActionOutcome.Conflict, run, run.State.IsActive() || run.State == RunState.Succeeded
                ? $"Only a failed or cancelled run can be resumed; this one is {run.State.ToString().ToLowerInvariant()}."
                : $"A {kinds.Get(run.Kind).Title.ToLowerInvariant()} cannot be resumed: retry it instead.");
        }

        await using var command = dataSource.CreateCommand($"""
            UPDATE runs SET state = '{nameof(RunState.Queued)}', cancel_requested = false, finished_at = NULL, error = NULL
            WHERE id = $1 AND state IN ('{nameof(RunState.Failed)}', '{nameof(RunState.Cancelled)}')
            """);
        command.Parameters.Add(new() { Value = id });
        try
        {
            if (await command.ExecuteNonQueryAsync(ct) == 0)
            {
                return new(RunActionOutcome.Conflict, await GetAsync(id, ct), "The run changed meanwhile; it can no longer be resumed.");
            }
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return new(RunActionOutcome.Conflict, run, $"Another {kinds.Get(run.Kind).Title.ToLowerInvariant()} is active: wait for it to end or cancel it.");
        }

        // Counted as a start again, so that every start is matched by one finish.
        metrics.RunStarted(run.Kind);
        await log.WriteAsync(id, RunLogLevel.Info, $"Resumed from {run.Done:N0} of {run.Total:N0}.", ct);
        await ScheduleOrFailAsync(id, ct);
        return new(RunActionOutcome.Done, await GetAsync(id, ct));
    }

    /// <summary>Runs an ended run again from the start, as a new run with the same parameters, checked again.</summary>
    public async Task<RunActionResult> RetryAsync(Guid id, RunViewer viewer, RunOwner asker, Func<string, bool> hasRole, CancellationToken ct = default)
    {
        if (await ActionableAsync(id, viewer, ct) is not { } run)
        {
            return new(RunActionOutcome.NotFound);
        }

        var kind = kinds.Get(run.Kind);
        if (!hasRole(kind.StartRole))
        {
            return new(RunActionOutcome.Forbidden, run, $"Starting a {kind.Title.ToLowerInvariant()} needs the {kind.StartRole} role.", kind.StartRole);
        }

        if (run.State.IsActive())
        {
            return new(RunActionOutcome.Conflict, run, "The run is still active: cancel it first, or wait for it to end.");
        }

        // The new run is the original owner's (a job retried by an Operator is still its member's job).
        var parameters = run.Parameters.GetRawText();
        var started = await StartPlannedAsync(
            kind, new RunOwner(run.OwnerId, run.OwnerName), context => kind.PlanStoredAsync(parameters, context, ct), id, schedule: true, ct);
        if (started.Value is { Started: true } retried)
        {
            await log.WriteAsync(retried.Run.Id, RunLogLevel.Info, $"Retry asked for by {asker.Name}.", ct);
        }

        return started.Value switch
        {
            null => new(RunActionOutcome.Conflict, run, string.Join(" ", started.Errors.SelectMany(e => e.Value))),
            { Started: false } active => new(RunActionOutcome.Conflict, active.Run,
                $"Another {kind.Title.ToLowerInvariant()} is active ({active.Run.Id}): wait for it to end or cancel it."),
            { } retry => new(RunActionOutcome.Done, retry.Run),
        };
    }

    public RunActions ActionsFor(RunResponse run, RunViewer viewer)
    {
        var mayAct = viewer.SeesAll || run.OwnerId == viewer.UserId;
        var kind = kinds.Get(run.Kind);
        return new RunActions(
            Cancel: mayAct && run.IsActive,
            Retry: mayAct && !run.IsActive,
            Resume: mayAct && kind.CanResume && run.State is RunState.Failed or RunState.Cancelled);
    }

    /// <summary>The run if the viewer may act on it: their own, or anyone's for an Operator; others' do not exist for them.</summary>
    private async Task<RunResponse?> ActionableAsync(Guid id, RunViewer viewer, CancellationToken ct) =>
        await GetAsync(id, ct) is { } run && (viewer.SeesAll || run.OwnerId == viewer.UserId) ? run : null;
}

using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using TodoDashboard.Infrastructure.Telemetry;

namespace TodoDashboard.Infrastructure.Runs;

/// <summary>
/// A run as its kind sees it while executing one attempt: the progress so far, the user's cancel request, and the one
/// way to commit a step: the kind's writes and the run's progress in one transaction, fenced by the attempt, so a
/// step is committed exactly once whichever node executes it and however often the run resumes.
/// </summary>
public class RunContext
{
    private readonly RunAttemptState _state;

    internal RunContext(RunAttemptState state) => _state = state;

    protected RunContext(RunContext other) => _state = other._state;

    public Guid Id => _state.Run.Id;

    public string OwnerName => _state.Run.OwnerName;

    public string? OwnerId => _state.Run.OwnerId;

    /// <summary>Work committed so far (by every attempt): where a resumed run continues.</summary>
    public long Done => Volatile.Read(ref _state.Done);

    public long Total => Volatile.Read(ref _state.Total);

    public int Attempt => _state.Run.Attempt;

    /// <summary>The node executing this attempt.</summary>
    public string Node => _state.Node;

    /// <summary>Cancelled when a user asks to cancel the run, from whichever node: stop at the next step and return <see cref="RunOutcome.Cancelled"/>.</summary>
    public CancellationToken Cancelled => _state.Cancel.Token;

    /// <summary>The kind's data as its steps last merged it.</summary>
    public T Data<T>() => RunJson.Deserialize<T>(_state.Run.Data);

    internal RunAttemptState State => _state;

    /// <summary>
    /// Runs <paramref name="step"/> in a transaction on a pooled connection and advances the run by what it returns.
    /// <paramref name="report"/>'s data is serialized after the step has run, so the step may fill it in.
    /// </summary>
    public async Task<long> CommitAsync(
        Func<NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task<long>> step, RunStep? report = null, CancellationToken ct = default)
    {
        await using var connection = await _state.DataSource.OpenConnectionAsync(ct);
        return await CommitAsync(connection, step, report, ct);
    }

    /// <summary>As above, on a connection the kind holds (for a session lock or a COPY in progress).</summary>
    public async Task<long> CommitAsync(
        NpgsqlConnection connection, Func<NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task<long>> step, RunStep? report = null,
        CancellationToken ct = default)
    {
        using var activity = AppActivities.StartStepCommit(Id, _state.Run.Kind, Attempt);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var advanced = await step(connection, transaction, ct);
        await using var progress = new NpgsqlCommand($"""
            UPDATE runs
            SET done = done + $2, message = COALESCE($3, message),
                data = CASE WHEN $4::jsonb IS NULL THEN data ELSE data || $4::jsonb END, total = COALESCE($5, total)
            WHERE id = $1 AND attempt = $6 AND state = '{nameof(RunState.Running)}'
            RETURNING done, total, cancel_requested, data::text
            """, connection, transaction)
        {
            Parameters =
            {
                new() { Value = Id },
                new() { Value = advanced },
                new() { Value = (object?)Truncate(report?.Message, RunLimits.MessageLength) ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text },
                new() { Value = report?.Data is { } data ? JsonSerializer.Serialize(data, RunJson.Options) : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text },
                new() { Value = (object?)report?.Total ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint },
                new() { Value = Attempt },
            },
        };
        await using (var reader = await progress.ExecuteReaderAsync(ct))
        {
            if (!await reader.ReadAsync(ct))
            {
                // Cancelled while queued, finished, or taken over by a newer attempt: this step's writes roll back.
                throw new RunSupersededException(Id);
            }

            Volatile.Write(ref _state.Done, reader.GetInt64(0));
            Volatile.Write(ref _state.Total, reader.GetInt64(1));
            if (reader.GetBoolean(2))
            {
                _state.RequestCancel();
            }

            _state.Run.Data = reader.GetString(3);
        }

        await transaction.CommitAsync(ct);
        activity?.SetTag("run.step.advanced", advanced);
        if (advanced > 0)
        {
            _state.Metrics.StepCommitted(_state.Run.Kind);
        }

        return Done;
    }

    /// <summary>Reports a new message or data without committing any work.</summary>
    public Task ReportAsync(RunStep report, CancellationToken ct = default) =>
        CommitAsync((_, _, _) => Task.FromResult(0L), report, ct);

    /// <summary>Adds a line to the run's log (bounded per run); readers see it at once.</summary>
    public Task LogAsync(RunLogLevel level, string message, CancellationToken ct = default) =>
        _state.Log.WriteAsync(Id, level, message, ct);

    private static string? Truncate(string? text, int length) => text is null || text.Length <= length ? text : text[..length];
}

/// <summary>A run's context with its kind's parameters.</summary>
public sealed class RunContext<TParameters> : RunContext
    where TParameters : class
{
    internal RunContext(RunContext run)
        : base(run) => Parameters = RunJson.Deserialize<TParameters>(run.State.Run.Parameters);

    public TParameters Parameters { get; }
}

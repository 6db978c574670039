using Npgsql;

namespace TodoDashboard.Infrastructure.Runs;

/// <summary>The executor's hold on a run: its session lock, and the claim of a new attempt under the fairness rule.</summary>
public sealed partial class RunExecutor
{
    private const string ClaimSql = $"""
        UPDATE runs r SET state = '{nameof(RunState.Running)}', attempt = r.attempt + 1, started_at = COALESCE(r.started_at, now())
        WHERE r.id = $1 AND r.state IN {RunStates.ActiveSql} AND r.kind = ANY($3)
          -- A running run whose cancel was asked for is claimed again after a crash: its kind must still clean up.
          AND (r.state = '{nameof(RunState.Running)}' OR NOT r.cancel_requested)
          AND (r.state = '{nameof(RunState.Running)}' OR r.owner_id IS NULL OR $2 <= 0
               OR (SELECT count(*) FROM runs o WHERE o.owner_id = r.owner_id AND o.state = '{nameof(RunState.Running)}') < $2)
        RETURNING r.kind, r.owner_id, r.owner_name, r.done, r.total, r.parameters::text, r.data::text, r.attempt, r.created_at
        """;

    private static async Task<bool> TryLockAsync(NpgsqlConnection session, Guid runId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock($1, hashtext($2::text))", session)
        {
            Parameters = { new() { Value = LockClass }, new() { Value = runId } },
        };
        return (bool)(await command.ExecuteScalarAsync(ct))!;
    }

    private async Task<Run?> ClaimAsync(NpgsqlConnection session, Guid runId, string node, CancellationToken ct)
    {
        await using var transaction = await session.BeginTransactionAsync(ct);

        // One owner's claims queue here, so two of them cannot both see a free share of the workers.
        await using (var ownerLock = new NpgsqlCommand(
            """SELECT pg_advisory_xact_lock($1, hashtext(COALESCE(owner_id, ''))) FROM runs WHERE id = $2""", session, transaction))
        {
            ownerLock.Parameters.Add(new() { Value = OwnerLockClass });
            ownerLock.Parameters.Add(new() { Value = runId });
            await ownerLock.ExecuteNonQueryAsync(ct);
        }

        Run? run = null;
        await using (var claim = new NpgsqlCommand(ClaimSql, session, transaction))
        {
            claim.Parameters.Add(new() { Value = runId });
            claim.Parameters.Add(new() { Value = PerUserLimit });
            claim.Parameters.Add(new() { Value = kinds.All.Select(k => k.Name).ToArray() });
            await using var reader = await claim.ExecuteReaderAsync(ct);
            if (await reader.ReadAsync(ct))
            {
                run = new Run
                {
                    Id = runId,
                    Kind = reader.GetString(0),
                    OwnerId = reader.IsDBNull(1) ? null : reader.GetString(1),
                    OwnerName = reader.GetString(2),
                    State = RunState.Running,
                    Done = reader.GetInt64(3),
                    Total = reader.GetInt64(4),
                    Parameters = reader.GetString(5),
                    Data = reader.GetString(6),
                    Attempt = reader.GetInt32(7),
                    CreatedAt = reader.GetDateTime(8),
                };
            }
        }

        if (run is null)
        {
            return null;
        }

        await using (var attempt = new NpgsqlCommand("""
            INSERT INTO run_attempts (run_id, number, node, started_at, done_at_start) VALUES ($1, $2, $3, now(), $4)
            """, session, transaction))
        {
            attempt.Parameters.Add(new() { Value = runId });
            attempt.Parameters.Add(new() { Value = run.Attempt });
            attempt.Parameters.Add(new() { Value = node });
            attempt.Parameters.Add(new() { Value = run.Done });
            await attempt.ExecuteNonQueryAsync(ct);
        }

        // The attempts before this one that never recorded an end were interrupted (their node crashed).
        await using (var interrupted = new NpgsqlCommand($"""
            UPDATE run_attempts SET outcome = '{nameof(RunAttemptOutcome.Interrupted)}', done_at_end = $3
            WHERE run_id = $1 AND number < $2 AND outcome IS NULL
            """, session, transaction))
        {
            interrupted.Parameters.Add(new() { Value = runId });
            interrupted.Parameters.Add(new() { Value = run.Attempt });
            interrupted.Parameters.Add(new() { Value = run.Done });
            await interrupted.ExecuteNonQueryAsync(ct);
        }

        await transaction.CommitAsync(ct);
        return run;
    }

    private static async Task<bool> IsQueuedAsync(NpgsqlConnection session, Guid runId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand($"""SELECT state = '{nameof(RunState.Queued)}' AND NOT cancel_requested FROM runs WHERE id = $1""", session)
        {
            Parameters = { new() { Value = runId } },
        };
        return await command.ExecuteScalarAsync(ct) is true;
    }

    private async Task<bool> CancelRequestedAsync(Guid runId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand($"""SELECT cancel_requested OR state <> '{nameof(RunState.Running)}' FROM runs WHERE id = $1""");
        command.Parameters.Add(new() { Value = runId });
        return await command.ExecuteScalarAsync(ct) is not false;
    }
}

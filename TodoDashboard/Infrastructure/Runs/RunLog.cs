using Npgsql;
using TodoDashboard.Infrastructure.LiveUpdates;

namespace TodoDashboard.Infrastructure.Runs;

/// <summary>Writes a run's log lines, at most <see cref="RunsOptions.LogLinesPerRun"/> a run; the line that reaches the bound says so.</summary>
public sealed class RunLog(NpgsqlDataSource dataSource, Microsoft.Extensions.Options.IOptions<RunsOptions> options)
{
    public const string TruncatedLine = "The log has reached its limit; later lines are not kept.";

    public async Task WriteAsync(Guid runId, RunLogLevel level, string message, CancellationToken ct = default)
    {
        var limit = Math.Max(2, options.Value.LogLinesPerRun);

        // The run's row lock first, then the count and insert in a statement of their own (one batch, one transaction):
        // under READ COMMITTED a statement sees what was committed when it began, so a count in the locking statement
        // itself would miss the lines of the writers it waited for, and concurrent writers would pass the bound.
        // A line changes no row of runs, so no trigger announces it: the statement does, with the run as it stands, so a
        // page showing the log reads it (the end's line is written after the end's own announcement).
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand("""SELECT 1 FROM runs WHERE id = $1 FOR NO KEY UPDATE""")
        {
            Parameters = { new() { Value = runId } },
        });
        batch.BatchCommands.Add(new NpgsqlBatchCommand($$"""
            WITH run AS (SELECT id, kind, owner_id, state, done, total, cancel_requested, version
                         FROM runs WHERE id = $1),
            lines AS (SELECT count(*) AS n FROM run_log WHERE run_id = $1),
            written AS (
                INSERT INTO run_log (run_id, at, level, message)
                SELECT $1, now(), CASE WHEN lines.n = $4 - 1 THEN '{{nameof(RunLogLevel.Warning)}}' ELSE $2 END,
                       CASE WHEN lines.n = $4 - 1 THEN $5 ELSE $3 END
                FROM run, lines WHERE lines.n < $4
                RETURNING run_id)
            SELECT pg_notify('{{NotificationChannels.Runs}}', json_build_object(
                'id', run.id, 'kind', run.kind, 'ownerId', run.owner_id, 'state', run.state, 'done', run.done,
                'total', run.total, 'cancelRequested', run.cancel_requested, 'version', run.version,
                '{{NotificationSentAt.Key}}', {{NotificationSentAt.Sql}})::text)
            FROM run WHERE EXISTS (SELECT FROM written)
            """)
        {
            Parameters =
            {
                new() { Value = runId },
                new() { Value = level.ToString() },
                new() { Value = message.Length <= RunLimits.LogLineLength ? message : message[..RunLimits.LogLineLength] },
                new() { Value = (long)limit },
                new() { Value = TruncatedLine },
            },
        });
        await batch.ExecuteNonQueryAsync(ct);
    }
}

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

        // One statement: count and insert under the run's row lock, so concurrent writers cannot pass the bound. A line
        // changes no row of runs, so no trigger announces it: the statement does, with the run as it stands, so a page
        // showing the log reads it (the end's line is written after the end's own announcement).
        await using var command = dataSource.CreateCommand($$"""
            WITH run AS (SELECT "Id", "Kind", "OwnerId", "State", "Done", "Total", "CancelRequested", "Version"
                         FROM runs WHERE "Id" = $1 FOR NO KEY UPDATE),
            lines AS (SELECT count(*) AS n FROM run_log WHERE "RunId" = $1),
            written AS (
                INSERT INTO run_log ("RunId", "At", "Level", "Message")
                SELECT $1, now(), CASE WHEN lines.n = $4 - 1 THEN 'Warning' ELSE $2 END,
                       CASE WHEN lines.n = $4 - 1 THEN $5 ELSE $3 END
                FROM run, lines WHERE lines.n < $4
                RETURNING "RunId")
            SELECT pg_notify('{{NotificationChannels.Runs}}', json_build_object(
                'id', run."Id", 'kind', run."Kind", 'ownerId', run."OwnerId", 'state', run."State", 'done', run."Done",
                'total', run."Total", 'cancelRequested', run."CancelRequested", 'version', run."Version")::text)
            FROM run WHERE EXISTS (SELECT FROM written)
            """);
        command.Parameters.Add(new() { Value = runId });
        command.Parameters.Add(new() { Value = level.ToString() });
        command.Parameters.Add(new() { Value = message.Length <= RunLimits.LogLineLength ? message : message[..RunLimits.LogLineLength] });
        command.Parameters.Add(new() { Value = (long)limit });
        command.Parameters.Add(new() { Value = TruncatedLine });
        await command.ExecuteNonQueryAsync(ct);
    }
}

using Microsoft.Extensions.Options;
using Npgsql;
using Quartz;

namespace TodoDashboard.Infrastructure.Runs;

/// <summary>
/// The history's clean-up, a recurring Quartz job (one node per firing): removes finished runs older than the
/// retention age, and of each kind all but the newest <see cref="RunRetentionOptions.MaxRunsPerKind"/> finished runs,
/// with their logs, attempts, events and kind rows (by cascade). Active runs are never removed.
/// </summary>
[DisallowConcurrentExecution]
public sealed partial class RunRetention(NpgsqlDataSource dataSource, IOptions<RunsOptions> options, TimeProvider clock, ILogger<RunRetention> logger) : IJob
{
    public static readonly JobKey Key = new("retention", "runs-maintenance");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await CleanAsync(context.Scheduler.SchedulerInstanceId, cancellationToken);

    public async Task<int> CleanAsync(string node, CancellationToken ct)
    {
        var retention = options.Value.Retention;
        await using var command = dataSource.CreateCommand($"""
            WITH ranked AS (
                SELECT id, finished_at, row_number() OVER (PARTITION BY kind ORDER BY created_at DESC, id DESC) AS n
                FROM runs WHERE state NOT IN {RunStates.ActiveSql}),
            deleted AS (
                DELETE FROM runs r USING ranked k
                WHERE r.id = k.id AND (k.finished_at < $1 OR k.n > $2)
                RETURNING 1),
            pruned AS (DELETE FROM run_cleanups WHERE at < $1 RETURNING 1),
            counted AS (SELECT count(*)::int AS n FROM deleted)
            INSERT INTO run_cleanups (at, node, deleted) SELECT now(), $3, n FROM counted
            RETURNING deleted
            """);
        command.Parameters.Add(new() { Value = clock.GetUtcNow().UtcDateTime - retention.MaxAge });
        command.Parameters.Add(new() { Value = (long)Math.Max(0, retention.MaxRunsPerKind) });
        command.Parameters.Add(new() { Value = node });
        var deleted = (int)(await command.ExecuteScalarAsync(ct))!;
        LogCleaned(logger, deleted);
        return deleted;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Run retention removed {Deleted} finished runs.")]
    private static partial void LogCleaned(ILogger logger, int deleted);
}

using System.Diagnostics;
using System.Reflection;
using Microsoft.Extensions.Options;
using Npgsql;
using Quartz;

namespace TodoDashboard.Infrastructure.Cluster;

/// <summary>
/// This instance publishes itself every <see cref="ClusterOptions.HeartbeatInterval"/>: its row in <c>cluster_instances</c>,
/// under its Quartz scheduler instance id, with what Quartz's check-in does not say (host, process, version, start,
/// circuits). Each beat also removes the rows of instances lost longer than <see cref="ClusterOptions.LostRetention"/>,
/// so every instance cleans up after the dead ones; a graceful stop removes its own row.
/// </summary>
internal sealed partial class ClusterHeartbeat(
    NpgsqlDataSource dataSource,
    ISchedulerFactory schedulers,
    CircuitCounter circuits,
    IOptions<ClusterOptions> options,
    TimeProvider clock,
    ILogger<ClusterHeartbeat> logger) : BackgroundService
{
    private static readonly string Version = Truncate(
        typeof(ClusterHeartbeat).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown", 100);

    private readonly DateTime _startedAt = Process.GetCurrentProcess().StartTime.ToUniversalTime();
    private string? _published;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.HeartbeatInterval, clock);
        do
        {
            try
            {
                await BeatAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogBeatFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task BeatAsync(CancellationToken ct)
    {
        // Only a started scheduler has checked in: until then Quartz does not list this instance, and a row would read as lost.
        var scheduler = await schedulers.GetScheduler(ct);
        if (scheduler.Status != SchedulerStatus.Running)
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var command = dataSource.CreateCommand("""
            WITH pruned AS (DELETE FROM cluster_instances WHERE last_seen_at < $7 AND instance_id <> $1)
            INSERT INTO cluster_instances (instance_id, host_name, process_id, version, started_at, last_seen_at, circuits)
            VALUES ($1, $2, $3, $4, $5, $6, $8)
            ON CONFLICT (instance_id) DO UPDATE SET last_seen_at = excluded.last_seen_at, circuits = excluded.circuits
            """);
        command.Parameters.Add(new() { Value = scheduler.SchedulerInstanceId });
        command.Parameters.Add(new() { Value = Truncate(Environment.MachineName, 255) });
        command.Parameters.Add(new() { Value = Environment.ProcessId });
        command.Parameters.Add(new() { Value = Version });
        command.Parameters.Add(new() { Value = _startedAt });
        command.Parameters.Add(new() { Value = now });
        command.Parameters.Add(new() { Value = now - options.Value.LostRetention });
        command.Parameters.Add(new() { Value = circuits.Open });
        await command.ExecuteNonQueryAsync(ct);
        _published = scheduler.SchedulerInstanceId;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_published is not { } id)
        {
            return;
        }

        try
        {
            await using var command = dataSource.CreateCommand("DELETE FROM cluster_instances WHERE instance_id = $1");
            command.Parameters.Add(new() { Value = id });
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or OperationCanceledException)
        {
            // The row ages out as lost instead.
            LogGoodbyeFailed(logger, ex);
        }
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing this instance to the cluster failed.")]
    private static partial void LogBeatFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Removing this instance from the cluster on stop failed; it will show as lost.")]
    private static partial void LogGoodbyeFailed(ILogger logger, Exception exception);
}

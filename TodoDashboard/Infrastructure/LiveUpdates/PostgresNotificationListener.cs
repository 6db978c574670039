using Npgsql;

namespace TodoDashboard.Infrastructure.LiveUpdates;

/// <summary>Holds one connection that LISTENs on the registered channels, reconnecting when it drops.</summary>
internal sealed partial class PostgresNotificationListener(
    PostgresNotificationHub hub,
    IConfiguration configuration,
    IEnumerable<PostgresChannel> channels,
    ILogger<PostgresNotificationListener> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var names = channels.Select(c => c.Name).Distinct().ToArray();
        var connectionString = new NpgsqlConnectionStringBuilder(configuration.GetConnectionString("DefaultConnection"))
        {
            KeepAlive = 5,
            Pooling = false,
        }.ConnectionString;
        var reconnecting = false;

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) => hub.Dispatch(e.Channel, e.Payload);
                foreach (var name in names)
                {
                    await using var listen = new NpgsqlCommand($"LISTEN \"{name}\"", connection);
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                hub.ListeningSince = DateTimeOffset.UtcNow;
                hub.Listening.TrySetResult();
                try
                {
                    if (reconnecting)
                    {
                        foreach (var name in names)
                        {
                            hub.Dispatch(name, null);
                        }
                    }

                    while (!stoppingToken.IsCancellationRequested)
                    {
                        await connection.WaitAsync(stoppingToken);
                    }
                }
                finally
                {
                    hub.ListeningSince = null;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException or IOException or TimeoutException)
            {
                LogConnectionLost(logger, ex);
                reconnecting = true;
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the PostgreSQL LISTEN connection; reconnecting.")]
    private static partial void LogConnectionLost(ILogger logger, Exception exception);
}

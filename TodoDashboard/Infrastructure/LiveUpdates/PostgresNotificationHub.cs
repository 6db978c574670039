using System.Collections.Concurrent;
using Npgsql;

namespace TodoDashboard.Infrastructure.LiveUpdates;

/// <summary>
/// Fans PostgreSQL NOTIFY messages out to in-process subscribers. Because the database sends them,
/// a change committed by any app instance reaches the subscribers of every instance.
/// A <c>null</c> payload means "the connection was lost and is back: you may have missed messages, reload".
/// </summary>
public sealed partial class PostgresNotificationHub(ILogger<PostgresNotificationHub> logger)
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Guid, Action<string?>>> _subscribers = new();

    /// <summary>Completes once the listener has issued LISTEN for every channel (tests and benchmarks wait on it).</summary>
    public TaskCompletionSource Listening { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IDisposable Subscribe(string channel, Action<string?> handler)
    {
        var id = Guid.NewGuid();
        _subscribers.GetOrAdd(channel, _ => new()).TryAdd(id, handler);
        return new Subscription(() => _subscribers[channel].TryRemove(id, out _));
    }

    internal int SubscriberCount(string channel) => _subscribers.TryGetValue(channel, out var s) ? s.Count : 0;

    internal void Dispatch(string channel, string? payload)
    {
        if (!_subscribers.TryGetValue(channel, out var handlers))
        {
            return;
        }

        foreach (var handler in handlers.Values)
        {
            try
            {
                handler(payload);
            }
            catch (Exception ex)
            {
                // One failing subscriber must not stop the others, nor the listening connection.
                LogHandlerFailed(logger, channel, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A subscriber to {Channel} failed.")]
    private static partial void LogHandlerFailed(ILogger logger, string channel, Exception exception);
}

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

                hub.Listening.TrySetResult();
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

/// <summary>A NOTIFY channel a feature listens to; register one per channel.</summary>
public sealed record PostgresChannel(string Name);

public static class LiveUpdatesSetup
{
    public static IServiceCollection AddPostgresChannel(this IServiceCollection services, string channel)
    {
        services.AddSingleton(new PostgresChannel(channel));
        if (!services.Any(s => s.ServiceType == typeof(PostgresNotificationHub)))
        {
            services.AddSingleton<PostgresNotificationHub>();
            services.AddHostedService<PostgresNotificationListener>();
        }

        return services;
    }
}

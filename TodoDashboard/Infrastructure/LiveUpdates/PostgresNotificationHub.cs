using System.Collections.Concurrent;

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

    // UTC ticks, 0 while there is no LISTEN connection: a long reads and writes atomically, a DateTimeOffset? does not.
    private long _listeningSinceTicks;

    /// <summary>When the current LISTEN connection was established; null while there is none (readiness checks it).</summary>
    public DateTimeOffset? ListeningSince
    {
        get
        {
            var ticks = Interlocked.Read(ref _listeningSinceTicks);
            return ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        }

        internal set => Interlocked.Exchange(ref _listeningSinceTicks, value?.UtcTicks ?? 0);
    }

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

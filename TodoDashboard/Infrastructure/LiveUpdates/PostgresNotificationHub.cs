using System.Collections.Concurrent;
using TodoDashboard.Infrastructure.Telemetry;

namespace TodoDashboard.Infrastructure.LiveUpdates;

/// <summary>
/// Fans PostgreSQL NOTIFY messages out to in-process subscribers. Because the database sends them,
/// a change committed by any app instance reaches the subscribers of every instance.
/// A <c>null</c> payload means "the connection was lost and is back: you may have missed messages, reload".
/// Each notification whose payload carries <see cref="NotificationSentAt"/> is measured on arrival (the fan-out lag), and
/// its send time is <see cref="DispatchingSentAt"/> while its subscribers run, so a live page can measure its push.
/// </summary>
public sealed partial class PostgresNotificationHub(ILogger<PostgresNotificationHub> logger, AppMetrics metrics, TimeProvider clock)
{
    [ThreadStatic]
    private static DateTimeOffset? _dispatchingSentAt;

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

    /// <summary>
    /// While a subscriber is called for a notification (on the dispatching thread), when that notification was sent;
    /// null outside a dispatch, for a resync, or for a payload without a send time. Typed notifiers call their
    /// subscribers synchronously, so a subscriber reads it whatever notifier it went through.
    /// </summary>
    public static DateTimeOffset? DispatchingSentAt => _dispatchingSentAt;

    public IDisposable Subscribe(string channel, Action<string?> handler)
    {
        var id = Guid.NewGuid();
        _subscribers.GetOrAdd(channel, _ => new()).TryAdd(id, handler);
        return new Subscription(() => _subscribers[channel].TryRemove(id, out _));
    }

    internal int SubscriberCount(string channel) => _subscribers.TryGetValue(channel, out var s) ? s.Count : 0;

    internal void Dispatch(string channel, string? payload)
    {
        var sentAt = payload is null ? null : NotificationSentAt.Read(payload);
        if (sentAt is { } sent)
        {
            metrics.NotificationReceived(channel, clock.GetUtcNow() - sent);
        }

        if (!_subscribers.TryGetValue(channel, out var handlers))
        {
            return;
        }

        var outer = _dispatchingSentAt;
        _dispatchingSentAt = sentAt;
        try
        {
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
        finally
        {
            _dispatchingSentAt = outer;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A subscriber to {Channel} failed.")]
    private static partial void LogHandlerFailed(ILogger logger, string channel, Exception exception);
}

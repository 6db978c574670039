using System.Text.Json;
using TodoDashboard.Infrastructure.LiveUpdates;

namespace TodoDashboard.Infrastructure.Runs;

/// <summary>
/// Live run changes for components, event streams and executors, on every node. <c>null</c> means the listening
/// connection was lost and is back: changes may have been missed, read again.
/// </summary>
public sealed class RunNotifier(PostgresNotificationHub hub)
{
    public IDisposable Subscribe(Action<RunChange?> handler) =>
        hub.Subscribe(NotificationChannels.Runs, payload => handler(payload is null ? null : Parse(payload)));

    /// <summary>Changes to one run, plus resyncs.</summary>
    public IDisposable SubscribeToRun(Guid id, Action<RunChange?> handler) =>
        Subscribe(change =>
        {
            if (change is null || change.Id == id)
            {
                handler(change);
            }
        });

    /// <summary>Changes to runs matching <paramref name="filter"/>, plus resyncs.</summary>
    public IDisposable Subscribe(Func<RunChange, bool> filter, Action<RunChange?> handler) =>
        Subscribe(change =>
        {
            if (change is null || filter(change))
            {
                handler(change);
            }
        });

    private static RunChange Parse(string payload) => JsonSerializer.Deserialize<RunChange>(payload, RunJson.Options)!;
}

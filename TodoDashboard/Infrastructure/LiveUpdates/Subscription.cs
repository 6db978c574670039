namespace TodoDashboard.Infrastructure.LiveUpdates;

/// <summary>Ends a subscription once, however many times it is disposed.</summary>
public sealed class Subscription(Action unsubscribe) : IDisposable
{
    private Action? _unsubscribe = unsubscribe;

    public void Dispose() => Interlocked.Exchange(ref _unsubscribe, null)?.Invoke();
}

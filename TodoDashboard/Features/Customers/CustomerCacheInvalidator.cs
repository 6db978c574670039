using TodoDashboard.Infrastructure.LiveUpdates;

namespace TodoDashboard.Features.Customers;

/// <summary>Applies every instance's customer changes (NOTIFY on <see cref="CustomerChange.Channel"/>) to this instance's cache.</summary>
internal sealed class CustomerCacheInvalidator(PostgresNotificationHub hub, CustomerCache cache) : IHostedService, IDisposable
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // A null payload means the listener reconnected and may have missed changes: drop everything.
        _subscription = hub.Subscribe(CustomerChange.Channel, payload =>
            _ = cache.InvalidateAsync(payload is null ? null : CustomerChange.FromPayload(payload)));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => _subscription?.Dispose();
}

using Microsoft.AspNetCore.Components;
using TodoDashboard.Infrastructure.Telemetry;

namespace TodoDashboard.Infrastructure.LiveUpdates;

/// <summary>
/// The one way a live panel follows changes: composed into the page (<c>&lt;LiveRefresh Subscribe="…" OnChange="ReloadAsync" /&gt;</c>),
/// it subscribes to a typed notifier, coalesces bursts to at most one <see cref="OnChange"/> per <see cref="Interval"/>
/// (ten a second), calls it on the circuit's context so the page renders after, routes failures to the page's error
/// boundary, and unsubscribes when the page goes. It asks for one refresh right after subscribing, so a change
/// committed between the page's first read and the subscription is not lost. Each refresh that carries notified changes
/// is measured from the oldest one's commit (<see cref="AppMetrics.ChangePushed"/>), once the page has rendered it.
/// </summary>
public sealed class LiveRefresh : ComponentBase, IDisposable
{
    private IDisposable? _subscription;
    private RenderThrottle? _throttle;

    // UTC ticks of the oldest notified change not yet pushed, 0 for none: written by the listener's thread, taken by the circuit's.
    private long _oldestUnpushedTicks;

    /// <summary>Subscribes the given callback to the changes the page shows; returns the subscription.</summary>
    [Parameter, EditorRequired] public Func<Action, IDisposable> Subscribe { get; set; } = default!;

    /// <summary>Reloads what the page shows.</summary>
    [Parameter] public EventCallback OnChange { get; set; }

    [Parameter] public TimeSpan Interval { get; set; } = TimeSpan.FromMilliseconds(100);

    [Inject] private TimeProvider Clock { get; set; } = default!;

    [Inject] private AppMetrics Metrics { get; set; } = default!;

    /// <summary>How many refreshes the changes have caused (tests check the coalescing with it).</summary>
    public int Refreshes { get; private set; }

    protected override void OnInitialized()
    {
        _throttle = new RenderThrottle(Interval, () => InvokeAsync(async () =>
        {
            try
            {
                Refreshes++;
                var oldest = Interlocked.Exchange(ref _oldestUnpushedTicks, 0);
                await OnChange.InvokeAsync();
                if (oldest != 0)
                {
                    Metrics.ChangePushed(Clock.GetUtcNow() - new DateTimeOffset(oldest, TimeSpan.Zero));
                }
            }
            catch (Exception ex)
            {
                await DispatchExceptionAsync(ex);
            }
        }), Clock);
        _subscription = Subscribe(Changed);
        _throttle.Request();
    }

    private void Changed()
    {
        if (PostgresNotificationHub.DispatchingSentAt is { } sentAt)
        {
            // The oldest wins: a later change riding along in the same push waited less.
            var ticks = sentAt.UtcTicks;
            long seen;
            do
            {
                seen = Interlocked.Read(ref _oldestUnpushedTicks);
                if (seen != 0 && seen <= ticks)
                {
                    break;
                }
            }
            while (Interlocked.CompareExchange(ref _oldestUnpushedTicks, ticks, seen) != seen);
        }

        _throttle!.Request();
    }

    public void Dispose() => _subscription?.Dispose();
}

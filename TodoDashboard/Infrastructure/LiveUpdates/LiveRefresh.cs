using Microsoft.AspNetCore.Components;

namespace TodoDashboard.Infrastructure.LiveUpdates;

/// <summary>
/// The one way a live panel follows changes: composed into the page (<c>&lt;LiveRefresh Subscribe="…" OnChange="ReloadAsync" /&gt;</c>),
/// it subscribes to a typed notifier, coalesces bursts to at most one <see cref="OnChange"/> per <see cref="Interval"/>
/// (ten a second), calls it on the circuit's context so the page renders after, routes failures to the page's error
/// boundary, and unsubscribes when the page goes. It asks for one refresh right after subscribing, so a change
/// committed between the page's first read and the subscription is not lost.
/// </summary>
public sealed class LiveRefresh : ComponentBase, IDisposable
{
    private IDisposable? _subscription;
    private RenderThrottle? _throttle;

    /// <summary>Subscribes the given callback to the changes the page shows; returns the subscription.</summary>
    [Parameter, EditorRequired] public Func<Action, IDisposable> Subscribe { get; set; } = default!;

    /// <summary>Reloads what the page shows.</summary>
    [Parameter] public EventCallback OnChange { get; set; }

    [Parameter] public TimeSpan Interval { get; set; } = TimeSpan.FromMilliseconds(100);

    [Inject] private TimeProvider Clock { get; set; } = default!;

    /// <summary>How many refreshes the changes have caused (tests check the coalescing with it).</summary>
    public int Refreshes { get; private set; }

    protected override void OnInitialized()
    {
        _throttle = new RenderThrottle(Interval, () => InvokeAsync(async () =>
        {
            try
            {
                Refreshes++;
                await OnChange.InvokeAsync();
            }
            catch (Exception ex)
            {
                await DispatchExceptionAsync(ex);
            }
        }), Clock);
        _subscription = Subscribe(_throttle.Request);
        _throttle.Request();
    }

    public void Dispose() => _subscription?.Dispose();
}

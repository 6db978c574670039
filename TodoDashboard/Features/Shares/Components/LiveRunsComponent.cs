using Microsoft.AspNetCore.Components;
using TodoDashboard.Infrastructure.LiveUpdates;

namespace TodoDashboard.Features.Shares.Components;

/// <summary>
/// Price-update runs kept current over the circuit: the runs table's trigger announces every change, and the
/// component reloads the runs at most ten times a second. Disposing unsubscribes.
/// </summary>
public abstract class LiveRunsComponent : ComponentBase, IDisposable
{
    private IDisposable? _subscription;
    private RenderThrottle? _throttle;

    [Inject] protected ShareService Shares { get; set; } = default!;

    [Inject] private PostgresNotificationHub Hub { get; set; } = default!;

    protected IReadOnlyList<PriceUpdateRunResponse>? Runs { get; private set; }

    protected IEnumerable<PriceUpdateRunResponse> ActiveRuns => Runs?.Where(r => r.IsActive) ?? [];

    protected override async Task OnInitializedAsync()
    {
        _throttle = new RenderThrottle(TimeSpan.FromMilliseconds(100), () => InvokeAsync(async () =>
        {
            try
            {
                var wasActive = ActiveRuns.Select(r => r.Id).ToHashSet();
                await ReloadRunsAsync();
                if (Runs!.Any(r => wasActive.Contains(r.Id) && !r.IsActive))
                {
                    await OnRunFinishedAsync();
                }

                StateHasChanged();
            }
            catch (Exception ex)
            {
                await DispatchExceptionAsync(ex);
            }
        }));
        _subscription = Hub.Subscribe(SharesFeature.RunChannel, _ => _throttle.Request());
        await ReloadRunsAsync();
    }

    protected async Task ReloadRunsAsync() => Runs = await Shares.ListRunsAsync();

    /// <summary>A run this component watched has ended: prices changed.</summary>
    protected virtual Task OnRunFinishedAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _subscription?.Dispose();
        GC.SuppressFinalize(this);
    }
}

using TodoDashboard.Infrastructure.Runs;

namespace TodoDashboard.Features.Operations.Components;

// The page's two charts, read with the list: the running runs and the throughput of the last minutes, and the tick that moves their durations on.
public sealed partial class OperationsPage : IDisposable
{
    private IReadOnlyList<RunThroughput>? _throughput;
    private DateTime _throughputSince;
    private IReadOnlyList<RunResponse>? _running;
    private ITimer? _ticker;

    // Set from the notifier's thread when a run ended (or changes may have been missed): the throughput is read again.
    private int _throughputStale = 1;

    private async Task LoadChartsAsync()
    {
        try
        {
            _running = (await Engine.ListAsync(new RunQuery(State: RunState.Running, Limit: RunEngine.MaxListLimit), _viewer!)).Items;
            var now = Now;
            var since = new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerMinute), DateTimeKind.Utc).AddMinutes(1 - ThroughputChart.Minutes);
            if (Interlocked.Exchange(ref _throughputStale, 0) == 1 || since != _throughputSince)
            {
                _throughput = await Engine.ThroughputAsync(since, _viewer!);
                _throughputSince = since;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Interlocked.Exchange(ref _throughputStale, 1);
            _error = Errors.Report(ex, "load the charts");
            _running ??= [];
            _throughput ??= [];
        }

        Tick();
    }

    // Durations and rates of running runs move on between progress events: a server-side tick, once a second, while any runs.
    private void Tick()
    {
        var running = _running is { Count: > 0 } || _runs?.Any(r => r.State == RunState.Running) == true;
        if (running && RendererInfo.IsInteractive)
        {
            _ticker ??= Clock.CreateTimer(_ => InvokeAsync(StateHasChanged), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        }
        else
        {
            _ticker?.Dispose();
            _ticker = null;
        }
    }

    public void Dispose() => _ticker?.Dispose();
}

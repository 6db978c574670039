using System.Diagnostics.Metrics;
using TodoDashboard.Infrastructure.Cluster;
using TodoDashboard.Infrastructure.Runs;

namespace TodoDashboard.Infrastructure.Telemetry;

/// <summary>
/// The app's own meter: what the run engine and the customer cache do, by kind, and how fast live updates travel.
/// Recorded where the engine decides (a run created, a run's final state written, a step committed) and where live
/// updates pass (the LISTEN hub, the one subscriber component), never per feature, so every kind is counted alike.
/// </summary>
public sealed class AppMetrics
{
    public const string MeterName = "TodoDashboard";

    private readonly Counter<long> _runsStarted;
    private readonly Counter<long> _runsFinished;
    private readonly Counter<long> _stepsCommitted;
    private readonly Counter<long> _customerCacheLookups;
    private readonly Counter<long> _customerCacheInvalidations;
    private readonly Histogram<double> _notificationLag;
    private readonly Histogram<double> _commitToPush;

    public AppMetrics(IMeterFactory meters, CircuitCounter? circuits = null)
    {
        var meter = meters.Create(MeterName);
        _runsStarted = meter.CreateCounter<long>("todo_dashboard.runs.started", "{run}", "Runs queued to execute (created, or resumed), by kind.");
        _runsFinished = meter.CreateCounter<long>("todo_dashboard.runs.finished", "{run}", "Runs that reached a final state, by kind and state.");
        _stepsCommitted = meter.CreateCounter<long>("todo_dashboard.runs.steps.committed", "{step}", "Run steps committed with work done, by kind.");
        _customerCacheLookups = meter.CreateCounter<long>("todo_dashboard.customers.cache.lookups", "{lookup}", "Customer search pages looked up in the cache, by result (hit or miss).");
        _customerCacheInvalidations = meter.CreateCounter<long>("todo_dashboard.customers.cache.invalidations", "{invalidation}", "Customer changes that dropped cached pages.");
        _notificationLag = meter.CreateHistogram<double>("todo_dashboard.notifications.lag", "ms",
            "From a NOTIFY being sent (the time its payload carries) to this instance's listener receiving it, by channel.");
        _commitToPush = meter.CreateHistogram<double>("todo_dashboard.live_updates.commit_to_push", "ms",
            "From a change's commit (the time its NOTIFY carries) to a live page having re-rendered with it: one per push, from the oldest change it carries.");
        if (circuits is not null)
        {
            meter.CreateObservableGauge("todo_dashboard.circuits.live", () => LiveCircuits(circuits), "{circuit}",
                "This instance's open Blazor circuits, by connection (up: the browser is connected; down: waiting for it to reconnect).");
        }
    }

    public void RunStarted(string kind) => _runsStarted.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void RunFinished(string kind, RunState state) =>
        _runsFinished.Add(1, new KeyValuePair<string, object?>("kind", kind), new KeyValuePair<string, object?>("state", state.ToString()));

    public void StepCommitted(string kind) => _stepsCommitted.Add(1, new KeyValuePair<string, object?>("kind", kind));

    public void CustomerCacheLookup(bool hit) => _customerCacheLookups.Add(1, new KeyValuePair<string, object?>("result", hit ? "hit" : "miss"));

    public void CustomerCacheInvalidated() => _customerCacheInvalidations.Add(1);

    public void NotificationReceived(string channel, TimeSpan lag) =>
        _notificationLag.Record(Milliseconds(lag), new KeyValuePair<string, object?>("channel", channel));

    public void ChangePushed(TimeSpan latency) => _commitToPush.Record(Milliseconds(latency));

    // The database's clock and this instance's may disagree by a little: a change never arrives before it was sent.
    private static double Milliseconds(TimeSpan span) => Math.Max(0, span.TotalMilliseconds);

    private static Measurement<int>[] LiveCircuits(CircuitCounter circuits)
    {
        var connected = circuits.Connected;
        return
        [
            new(connected, new KeyValuePair<string, object?>("connection", "up")),
            new(Math.Max(0, circuits.Open - connected), new KeyValuePair<string, object?>("connection", "down")),
        ];
    }
}

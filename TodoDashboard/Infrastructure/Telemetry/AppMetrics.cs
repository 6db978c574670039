using System.Diagnostics.Metrics;
using TodoDashboard.Infrastructure.Cluster;
using TodoDashboard.Infrastructure.Runs;

namespace TodoDashboard.Infrastructure.Telemetry;

/// <summary>
/// The app's own meter: what the run engine and the customer cache do, by kind. Recorded where the engine decides
/// (a run created, a run's final state written, a step committed), never per feature, so every kind is counted alike.
/// </summary>
public sealed class AppMetrics
{
    public const string MeterName = "TodoDashboard";

    private readonly Counter<long> _runsStarted;
    private readonly Counter<long> _runsFinished;
    private readonly Counter<long> _stepsCommitted;
    private readonly Counter<long> _customerCacheLookups;
    private readonly Counter<long> _customerCacheInvalidations;

    public AppMetrics(IMeterFactory meters, CircuitCounter? circuits = null)
    {
        var meter = meters.Create(MeterName);
        _runsStarted = meter.CreateCounter<long>("todo_dashboard.runs.started", "{run}", "Runs queued to execute (created, or resumed), by kind.");
        _runsFinished = meter.CreateCounter<long>("todo_dashboard.runs.finished", "{run}", "Runs that reached a final state, by kind and state.");
        _stepsCommitted = meter.CreateCounter<long>("todo_dashboard.runs.steps.committed", "{step}", "Run steps committed with work done, by kind.");
        _customerCacheLookups = meter.CreateCounter<long>("todo_dashboard.customers.cache.lookups", "{lookup}", "Customer search pages looked up in the cache, by result (hit or miss).");
        _customerCacheInvalidations = meter.CreateCounter<long>("todo_dashboard.customers.cache.invalidations", "{invalidation}", "Customer changes that dropped cached pages.");
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

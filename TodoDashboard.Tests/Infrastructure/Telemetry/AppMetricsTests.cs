using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using TodoDashboard.Infrastructure.Runs;
using TodoDashboard.Infrastructure.Telemetry;

namespace TodoDashboard.Tests.Infrastructure.Telemetry;

[Trait("Category", "Unit")]
public class AppMetricsTests
{
    [Fact]
    public void A_finished_run_is_counted_once_under_its_kind_and_final_state()
    {
        using var recorded = new Recorded();

        recorded.Metrics.RunFinished("jobs", RunState.Cancelled);

        var measurement = Assert.Single(recorded.Of("todo_dashboard.runs.finished"));
        Assert.Equal(1, measurement.Value);
        Assert.Equal("jobs", measurement.Tags["kind"]);
        Assert.Equal("Cancelled", measurement.Tags["state"]);
    }

    [Fact]
    public void Customer_cache_lookups_are_told_apart_by_hit_or_miss()
    {
        using var recorded = new Recorded();

        recorded.Metrics.CustomerCacheLookup(hit: true);
        recorded.Metrics.CustomerCacheLookup(hit: false);
        recorded.Metrics.CustomerCacheLookup(hit: false);

        var results = recorded.Of("todo_dashboard.customers.cache.lookups").Select(m => m.Tags["result"]).ToList();
        Assert.Equal("hit miss miss", string.Join(" ", results));
    }

    /// <summary>The measurements of one container's <see cref="AppMetrics"/> (not another test's, which share the meter's name).</summary>
    private sealed class Recorded : IDisposable
    {
        private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        private readonly MeterListener _listener = new();
        private readonly List<(string Name, long Value, Dictionary<string, object?> Tags)> _measurements = [];

        public Recorded()
        {
            var factory = _services.GetRequiredService<IMeterFactory>();
            Metrics = new AppMetrics(factory);
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == AppMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, factory))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            {
                lock (_measurements)
                {
                    _measurements.Add((instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));
                }
            });
            _listener.Start();
        }

        public AppMetrics Metrics { get; }

        public List<(long Value, Dictionary<string, object?> Tags)> Of(string name)
        {
            lock (_measurements)
            {
                return _measurements.Where(m => m.Name == name).Select(m => (m.Value, m.Tags)).ToList();
            }
        }

        public void Dispose()
        {
            _listener.Dispose();
            _services.Dispose();
        }
    }
}

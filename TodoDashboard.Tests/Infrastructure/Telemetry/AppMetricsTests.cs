using TodoDashboard.Infrastructure.Runs;

namespace TodoDashboard.Tests.Infrastructure.Telemetry;

[Trait("Category", "Unit")]
public class AppMetricsTests
{
    [Fact]
    public void A_finished_run_is_counted_once_under_its_kind_and_final_state()
    {
        using var recorded = MeterRecorder.WithOwnMetrics();

        recorded.Metrics.RunFinished("jobs", RunState.Cancelled);

        var measurement = Assert.Single(recorded.Of("todo_dashboard.runs.finished"));
        Assert.Equal(1, measurement.Value);
        Assert.Equal("jobs", measurement.Tags["kind"]);
        Assert.Equal("Cancelled", measurement.Tags["state"]);
    }

    [Fact]
    public void Customer_cache_lookups_are_told_apart_by_hit_or_miss()
    {
        using var recorded = MeterRecorder.WithOwnMetrics();

        recorded.Metrics.CustomerCacheLookup(hit: true);
        recorded.Metrics.CustomerCacheLookup(hit: false);
        recorded.Metrics.CustomerCacheLookup(hit: false);

        var results = recorded.Of("todo_dashboard.customers.cache.lookups").Select(m => m.Tags["result"]).ToList();
        Assert.Equal("hit miss miss", string.Join(" ", results));
    }
}

using System.Text.Json;
using TodoDashboard.Features.Operations.Components;
using TodoDashboard.Infrastructure.Runs;
using TodoDashboard.Infrastructure.Validation;

namespace TodoDashboard.Tests.Features.Operations;

/// <summary>The operations page's pure parts: its URL filters, its visibility rule for notifications, and its wording of figures.</summary>
[Trait("Category", "Unit")]
public class RunFilterTests
{
    private static readonly RunKinds Kinds = new([new Kind("jobs", shared: false), new Kind("price-updates", shared: true)]);

    [Theory]
    [InlineData("jobs", "failed", "me", "day", "jobs", RunState.Failed, RunOwnerFilter.Me, RunWindow.Day)]
    [InlineData("JOBS", "Running", "ME", "Week", null, RunState.Running, RunOwnerFilter.Me, RunWindow.Week)]
    [InlineData("price-updates", null, "all", "hour", "price-updates", null, RunOwnerFilter.All, RunWindow.Hour)]
    [InlineData("unknown", "3", "someone", "century", null, null, RunOwnerFilter.All, RunWindow.Any)]
    [InlineData(null, "1,2", null, null, null, null, RunOwnerFilter.All, RunWindow.Any)]
    public void The_query_string_parses_into_filters_and_unknown_values_read_as_any(
        string? kind, string? state, string? owner, string? time, string? expectedKind, RunState? expectedState, RunOwnerFilter expectedOwner, RunWindow expectedWindow)
    {
        var filter = RunFilter.Parse(kind, state, owner, time, Kinds);

        Assert.Equal(new RunFilter(expectedKind, expectedState, expectedOwner, expectedWindow), filter);
    }

    [Fact]
    public void A_filter_writes_back_the_query_it_was_read_from_and_the_default_view_writes_none()
    {
        var filter = RunFilter.Parse("jobs", "cancelled", "me", "week", Kinds);

        var query = filter.QueryParameters();

        Assert.Equal(filter, RunFilter.Parse((string?)query["kind"], (string?)query["state"], (string?)query["owner"], (string?)query["time"], Kinds));
        Assert.All(new RunFilter().QueryParameters().Values, Assert.Null);
    }

    [Fact]
    public void The_time_window_reaches_back_from_now()
    {
        var now = new DateTime(2026, 12, 2, 12, 0, 0, DateTimeKind.Utc);

        Assert.Equal(now.AddHours(-1), new RunFilter(Window: RunWindow.Hour).ToQuery(now, null, 10).Since);
        Assert.Equal(now.AddDays(-7), new RunFilter(Window: RunWindow.Week).ToQuery(now, null, 10).Since);
        Assert.Null(new RunFilter().ToQuery(now, null, 10).Since);
    }

    [Theory]
    [InlineData("jobs", "me", false, true)]
    [InlineData("jobs", "other", false, false)]
    [InlineData("jobs", "other", true, true)]
    [InlineData("price-updates", "other", false, true)]
    [InlineData("unregistered", "other", false, false)]
    public void A_notification_concerns_a_viewer_who_may_see_its_run(string kind, string owner, bool seesAll, bool expected)
    {
        var change = new RunChange(Guid.NewGuid(), kind, owner, RunState.Running, 1, 2, false, 2);

        Assert.Equal(expected, change.MayBeSeenBy(new RunViewer("me", seesAll), Kinds));
    }

    [Fact]
    public void A_kinds_figures_read_as_labelled_lines()
    {
        using var json = JsonDocument.Parse("""
            {"phase":"Indexing","droppedIndexes":["a","b","c","d"],"indexesBuilt":2,"loadMs":1234.5,"done":true,"timing":{"copyMs":12},"note":null,"tags":[]}
            """);

        var lines = RunDisplay.Figures(json.RootElement);

        Assert.Equal(
            [
                new("Phase", "Indexing"), new("Dropped indexes", "4 items"), new("Indexes built", "2"), new("Load ms", "1,234.50"),
                new("Done", "yes"), new("Timing · Copy ms", "12"), new("Note", "–"), new("Tags", "none"),
            ],
            lines);
    }

    [Theory]
    [InlineData(0.25, "0.3 s")]
    [InlineData(59.94, "59.9 s")]
    [InlineData(61, "1:01")]
    [InlineData(3725, "1:02:05")]
    public void Durations_read_in_seconds_then_minutes_then_hours(double seconds, string expected) =>
        Assert.Equal(expected, RunDisplay.Format(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void A_running_runs_rate_is_taken_since_it_started_and_an_ended_runs_from_its_attempts()
    {
        var started = new DateTime(2026, 12, 2, 12, 0, 0, DateTimeKind.Utc);
        var running = Run(RunState.Running, done: 50, startedAt: started, elapsedMs: 0, itemsPerSecond: null);
        var ended = Run(RunState.Succeeded, done: 100, startedAt: started, elapsedMs: 20_000, itemsPerSecond: 5);

        Assert.Equal(5, RunDisplay.ItemsPerSecond(running, started.AddSeconds(10)));
        Assert.Equal(TimeSpan.FromSeconds(10), RunDisplay.Duration(running, started.AddSeconds(10)));
        Assert.Equal(5, RunDisplay.ItemsPerSecond(ended, started.AddHours(1)));
        Assert.Equal(TimeSpan.FromSeconds(20), RunDisplay.Duration(ended, started.AddHours(1)));
    }

    private static RunResponse Run(RunState state, long done, DateTime startedAt, double elapsedMs, double? itemsPerSecond)
    {
        using var empty = JsonDocument.Parse("{}");
        return new(Guid.NewGuid(), "jobs", "me", "Me", state, done, 100, done, null, false, startedAt, startedAt,
            state == RunState.Running ? null : startedAt.AddMinutes(1), null, 1, elapsedMs, itemsPerSecond, null, 1,
            empty.RootElement.Clone(), empty.RootElement.Clone());
    }

    private sealed class Kind(string name, bool shared) : IRunKind
    {
        public string Name => name;

        public string Title => name;

        public bool VisibleToEveryone => shared;

        public bool CanResume => true;

        public string StartRole => "Member";

        public Task<Validated<RunPlan>> PlanStoredAsync(string parameters, RunPlanContext context, CancellationToken ct) => throw new NotSupportedException();

        public Task<RunOutcome> ExecuteAsync(RunContext run, CancellationToken ct) => throw new NotSupportedException();
    }
}

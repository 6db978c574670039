using TodoDashboard.Features.Operations.Components;
using TodoDashboard.Infrastructure.Runs;
using TodoDashboard.Infrastructure.Validation;

namespace TodoDashboard.Tests.Features.Operations;

/// <summary>The operations page's URL filters and its visibility rule for notifications, without a server (its wording: <see cref="RunDisplayTests"/>).</summary>
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

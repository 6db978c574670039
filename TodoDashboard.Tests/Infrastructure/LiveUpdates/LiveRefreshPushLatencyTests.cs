using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using TodoDashboard.Infrastructure.LiveUpdates;
using TodoDashboard.Tests.Infrastructure.Runs;
using TodoDashboard.Tests.Infrastructure.Telemetry;

namespace TodoDashboard.Tests.Infrastructure.LiveUpdates;

/// <summary>
/// The subscriber component on a real hub fed by hand, on a clock the test moves: each push of notified changes is
/// measured from the oldest change's commit to the refresh that shows it.
/// </summary>
[Trait("Category", "Unit")]
public sealed class LiveRefreshPushLatencyTests : IAsyncLifetime
{
    private const string Channel = "test_changes";
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 16, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private readonly BunitContext _bunit = new();
    private readonly FakeTimeProvider _clock = new(Start);
    private readonly MeterRecorder _recorded = MeterRecorder.WithOwnMetrics();
    private readonly PostgresNotificationHub _hub;
    private int _refreshes;

    public LiveRefreshPushLatencyTests()
    {
        _hub = new(NullLogger<PostgresNotificationHub>.Instance, _recorded.Metrics, _clock);
        _bunit.Services.AddSingleton<TimeProvider>(_clock).AddSingleton(_recorded.Metrics);
    }

    [Fact]
    public async Task A_push_is_measured_from_the_oldest_change_it_carries_and_refreshes_without_changes_are_not()
    {
        _bunit.Render<LiveRefresh>(parameters => parameters
            .Add(p => p.Subscribe, changed => _hub.Subscribe(Channel, _ => changed()))
            .Add(p => p.Interval, Interval)
            .Add(p => p.OnChange, EventCallback.Factory.Create(this, () => Interlocked.Increment(ref _refreshes))));
        await RefreshesAsync(1);

        // A resync (the listener reconnected) refreshes, but carries no commit to measure from.
        _hub.Dispatch(Channel, null);
        _clock.Advance(Interval);
        await RefreshesAsync(2);

        _hub.Dispatch(Channel, PostgresNotificationHubTests.Payload(_clock.GetUtcNow() - TimeSpan.FromMilliseconds(400)));
        _hub.Dispatch(Channel, PostgresNotificationHubTests.Payload(_clock.GetUtcNow()));
        _clock.Advance(Interval);
        await RefreshesAsync(3);

        await RunsFactory.WaitUntilAsync(() => Task.FromResult(_recorded.Of("todo_dashboard.live_updates.commit_to_push").Count > 0), "the push measured");
        var push = Assert.Single(_recorded.Of("todo_dashboard.live_updates.commit_to_push"));
        Assert.Equal(500, push.Value);
    }

    private Task RefreshesAsync(int count) =>
        RunsFactory.WaitUntilAsync(() => Task.FromResult(Volatile.Read(ref _refreshes) == count), $"refresh {count}");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _bunit.DisposeAsync();
        _recorded.Dispose();
    }
}

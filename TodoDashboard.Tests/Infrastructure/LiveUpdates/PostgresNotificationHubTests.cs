using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using TodoDashboard.Infrastructure.LiveUpdates;
using TodoDashboard.Tests.Infrastructure.Telemetry;

namespace TodoDashboard.Tests.Infrastructure.LiveUpdates;

/// <summary>The hub on its own, dispatching by hand: what it measures and what its subscribers see.</summary>
[Trait("Category", "Unit")]
public sealed class PostgresNotificationHubTests : IDisposable
{
    private static readonly DateTimeOffset Sent = new(2026, 12, 2, 16, 0, 0, TimeSpan.Zero);

    private readonly MeterRecorder _recorded = MeterRecorder.WithOwnMetrics();
    private readonly FakeTimeProvider _clock = new(Sent.AddMilliseconds(250));
    private readonly PostgresNotificationHub _hub;

    public PostgresNotificationHubTests() => _hub = new(NullLogger<PostgresNotificationHub>.Instance, _recorded.Metrics, _clock);

    [Fact]
    public void A_notification_carrying_its_send_time_is_measured_on_arrival_by_channel()
    {
        _hub.Dispatch(NotificationChannels.Runs, Payload(Sent));

        var lag = Assert.Single(_recorded.Of("todo_dashboard.notifications.lag"));
        Assert.Equal(250, lag.Value);
        Assert.Equal(NotificationChannels.Runs, lag.Tags["channel"]);
    }

    [Fact]
    public void Notifications_without_a_send_time_and_resyncs_are_not_measured()
    {
        _hub.Dispatch(NotificationChannels.UserAccess, "some-user-id");
        _hub.Dispatch(NotificationChannels.Runs, null);

        Assert.Empty(_recorded.Of("todo_dashboard.notifications.lag"));
    }

    [Fact]
    public void Subscribers_see_the_send_time_of_the_notification_they_are_called_for_and_only_then()
    {
        var seen = new List<DateTimeOffset?>();
        using var subscription = _hub.Subscribe(NotificationChannels.Runs, _ => seen.Add(PostgresNotificationHub.DispatchingSentAt));

        _hub.Dispatch(NotificationChannels.Runs, Payload(Sent));
        _hub.Dispatch(NotificationChannels.Runs, null);

        Assert.Equal([Sent, null], seen);
        Assert.Null(PostgresNotificationHub.DispatchingSentAt);
    }

    public void Dispose() => _recorded.Dispose();

    internal static string Payload(DateTimeOffset sentAt) =>
        $$"""{"id" : "{{Guid.NewGuid()}}", "sentAt" : {{sentAt.ToUnixTimeMilliseconds()}}}""";
}

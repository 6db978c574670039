using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using TodoDashboard.Features.Jobs;
using TodoDashboard.Infrastructure.LiveUpdates;
using TodoDashboard.Infrastructure.Runs;
using TodoDashboard.Infrastructure.Telemetry;
using TodoDashboard.Tests.Infrastructure.Runs;

namespace TodoDashboard.Tests.Infrastructure.Telemetry;

/// <summary>
/// A job's step commits travelling to a live panel through the real database: the app's listener measures each
/// NOTIFY's fan-out lag on arrival, and the panel's subscriber component the commit-to-push latency of its refresh.
/// </summary>
public sealed class LiveUpdateLatencyTests(TodoDashboardFactory factory) : ComponentTestContext(factory), IDisposable
{
    private readonly MeterRecorder _recorded = new(factory.Services.GetRequiredService<IMeterFactory>());

    [Fact]
    public async Task A_panel_following_a_job_records_the_fan_out_lag_and_the_commit_to_push_latency_of_its_changes()
    {
        Services.AddSingleton(TimeProvider.System);
        UseAppService<AppMetrics>();
        var notifier = AppService<RunNotifier>();
        await AppService<PostgresNotificationHub>().Listening.Task;
        var client = await Factory.CreateUserClientAsync();
        var refreshes = 0;
        Render<LiveRefresh>(parameters => parameters
            .Add(p => p.Subscribe, changed => notifier.Subscribe(change => change.Kind == JobKind.KindName, _ => changed()))
            .Add(p => p.OnChange, EventCallback.Factory.Create(this, () => Interlocked.Increment(ref refreshes))));

        var response = await client.PostAsJsonAsync("/api/jobs", new { items = 2 });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var runId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await RunsFactory.WaitUntilAsync(
            () => Task.FromResult(_recorded.Of("todo_dashboard.live_updates.commit_to_push").Count > 0),
            $"a refresh of the panel after a change of run {runId} measured");
        Assert.All(_recorded.Of("todo_dashboard.live_updates.commit_to_push"), push => Assert.True(push.Value >= 0));
        Assert.Contains(_recorded.Of("todo_dashboard.notifications.lag"), lag => lag.Tags["channel"] as string == NotificationChannels.Runs);
        Assert.True(Volatile.Read(ref refreshes) >= 2);
    }

    public void Dispose() => _recorded.Dispose();
}

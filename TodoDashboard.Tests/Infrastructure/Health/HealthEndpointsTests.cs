using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Quartz;
using TodoDashboard.Infrastructure.LiveUpdates;

namespace TodoDashboard.Tests.Infrastructure.Health;

/// <summary>
/// /health/live asks nothing but the process; /health/ready (and /health) asks the database, the Quartz scheduler and
/// the LISTEN connection, and answers 503 naming the one that is down. The shared cache's Degraded answer is tested
/// with the cache (CustomersSharedCacheTests).
/// </summary>
public class HealthEndpointsTests(TodoDashboardFactory factory) : IClassFixture<TodoDashboardFactory>
{
    private static readonly string[] ReadyChecks = ["database", "notification-listener", "quartz"];

    [Fact]
    public async Task Live_answers_healthy_without_asking_any_dependency()
    {
        var live = await HealthAnswer.GetAsync(factory.CreateClient(), "/health/live");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", live.Status);
        Assert.Empty(live.Checks);
    }

    [Theory]
    [InlineData("/health/ready")]
    [InlineData("/health")]
    public async Task Ready_answers_healthy_listing_the_database_the_scheduler_and_the_listener(string path)
    {
        await HealthAnswer.StartedAsync(factory);

        var ready = await HealthAnswer.GetAsync(factory.CreateClient(), path);

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", ready.Status);
        Assert.Equal(ReadyChecks, ready.Checks.Keys.Order());
        Assert.All(ready.Checks.Values, status => Assert.Equal("Healthy", status));
    }

    [Fact]
    public async Task Ready_answers_503_naming_the_listener_once_the_listen_connection_is_gone()
    {
        await using var instance = factory.WithWebHostBuilder(_ => { });
        await HealthAnswer.StartedAsync(instance);
        var listener = instance.Services.GetServices<IHostedService>().OfType<PostgresNotificationListener>().Single();

        await listener.StopAsync(CancellationToken.None);
        var ready = await HealthAnswer.GetAsync(instance.CreateClient(), "/health/ready");
        var live = await HealthAnswer.GetAsync(instance.CreateClient(), "/health/live");

        Assert.Null(instance.Services.GetRequiredService<PostgresNotificationHub>().ListeningSince);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("Unhealthy", ready.Status);
        Assert.Equal("Unhealthy", ready.Checks["notification-listener"]);
        Assert.Equal("Healthy", ready.Checks["database"]);
        Assert.Equal("Healthy", ready.Checks["quartz"]);
        // Names and statuses only: what failed, and why, is for the logs.
        Assert.DoesNotContain("LISTEN", ready.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [Fact]
    public async Task Ready_answers_503_naming_the_scheduler_while_it_stands_by()
    {
        await using var instance = factory.WithWebHostBuilder(_ => { });
        await HealthAnswer.StartedAsync(instance);
        var scheduler = await instance.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();

        await scheduler.Standby();
        Assert.Equal(SchedulerStatus.Standby, await scheduler.GetStatus());
        var ready = await HealthAnswer.GetAsync(instance.CreateClient(), "/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("Unhealthy", ready.Checks["quartz"]);
        Assert.Equal("Healthy", ready.Checks["notification-listener"]);
    }

    [Fact]
    public async Task Ready_is_healthy_again_once_the_listener_has_reconnected()
    {
        await HealthAnswer.StartedAsync(factory);
        var hub = factory.Services.GetRequiredService<PostgresNotificationHub>();
        var before = hub.ListeningSince;

        await using (var connection = new NpgsqlConnection(factory.Database.ConnectionString))
        {
            await connection.OpenAsync();
            await using var terminate = new NpgsqlCommand(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN %'",
                connection);
            Assert.NotEqual(0L, await terminate.ExecuteScalarAsync());
        }

        await WaitForAsync(() => hub.ListeningSince is { } since && since > before);
        var ready = await HealthAnswer.GetAsync(factory.CreateClient(), "/health/ready");

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", ready.Checks["notification-listener"]);
    }

    [Fact]
    public async Task Live_stays_up_while_ready_answers_503_once_the_database_is_gone()
    {
        await using var database = new TestDatabase();
        await using var instance = new OwnDatabaseInstance(database);
        await HealthAnswer.StartedAsync(instance);
        Assert.Equal(HttpStatusCode.OK, (await HealthAnswer.GetAsync(instance.CreateClient(), "/health/ready")).StatusCode);

        // Drops it and ends its sessions, the LISTEN connection's among them (disposing it again at the end is harmless).
        await database.DisposeAsync();
        var ready = await HealthAnswer.GetAsync(instance.CreateClient(), "/health/ready");
        var live = await HealthAnswer.GetAsync(instance.CreateClient(), "/health/live");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("Unhealthy", ready.Checks["database"]);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("Healthy", live.Status);
    }

    /// <summary>The listener reconnects on its own schedule: polls the condition (bounded).</summary>
    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold within 30 s.");
            await Task.Delay(50);
        }
    }

    private sealed class OwnDatabaseInstance(TestDatabase database) : TodoDashboardFactory(database);
}

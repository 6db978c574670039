using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using TodoDashboard.Infrastructure.LiveUpdates;

namespace TodoDashboard.Tests.Infrastructure.Health;

/// <summary>What /health/live and /health/ready answer: the overall status and each check's name and status.</summary>
public sealed record HealthAnswer(HttpStatusCode StatusCode, string Status, IReadOnlyDictionary<string, string> Checks, string Body)
{
    public static async Task<HealthAnswer> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        var report = System.Text.Json.JsonSerializer.Deserialize<Report>(body, ApiJson.Options)!;
        return new(response.StatusCode, report.Status, report.Checks.ToDictionary(c => c.Name, c => c.Status), body);
    }

    /// <summary>
    /// The listener and the scheduler start in the background once the host has started: returns once the listener
    /// listens and the scheduler runs (bounded), so that readiness asks about a started instance.
    /// </summary>
    public static async Task StartedAsync(WebApplicationFactory<Program> instance)
    {
        await instance.Services.GetRequiredService<PostgresNotificationHub>().Listening.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var scheduler = await instance.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await scheduler.GetStatus() != SchedulerStatus.Running)
        {
            Assert.True(DateTime.UtcNow < deadline, "The Quartz scheduler did not start within 30 s.");
            await Task.Delay(50);
        }
    }

    private sealed record Report(string Status, IReadOnlyList<Check> Checks);

    private sealed record Check(string Name, string Status);
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Quartz;
using TodoDashboard.Infrastructure.Auth;

namespace TodoDashboard.Tests.Features.Operations;

/// <summary>
/// /api/operations/cluster with two app instances on one database: A is a real process (so it can be killed outright),
/// B the in-process host that answers. Each waits for the cluster to reach a state, up to a deadline, never for a time.
/// </summary>
public class ClusterAcrossInstancesTests(TodoDashboardFactory instanceB) : IClassFixture<TodoDashboardFactory>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Two_instances_show_as_alive_with_what_each_published_and_a_killed_one_turns_lost()
    {
        var client = await instanceB.CreateUserClientAsync(role: AppRoles.Operator);
        var b = await InstanceIdAsync();
        await using var processA = await AppProcess.StartAsync(instanceB.Database.ConnectionString);

        var cluster = await WaitForAsync(client, c => Find(c, processA.ProcessId) is { } a && State(a) == "alive" && Find(c, b) is { } self && State(self) == "alive");

        Assert.Equal(b, cluster.GetProperty("currentInstanceId").GetString());
        var instanceA = Find(cluster, processA.ProcessId)!.Value;
        var a = instanceA.GetProperty("instanceId").GetString()!;
        Assert.False(instanceA.GetProperty("isCurrent").GetBoolean());
        Assert.True(Find(cluster, b)!.Value.GetProperty("isCurrent").GetBoolean());
        Assert.Equal(Environment.MachineName, instanceA.GetProperty("hostName").GetString());
        Assert.Equal(JsonValueKind.String, instanceA.GetProperty("lastCheckInAt").ValueKind);
        Assert.Equal(0, instanceA.GetProperty("circuits").GetInt32());
        Assert.Equal("alive", State(await ReadAsync<JsonElement>(client, $"/api/operations/cluster/{a}")));

        processA.Kill();

        cluster = await WaitForAsync(client, c => Find(c, a) is { } lost && State(lost) == "lost");
        var lostA = Find(cluster, a)!.Value;
        Assert.Equal(processA.ProcessId, lostA.GetProperty("processId").GetInt32());
        Assert.Equal(JsonValueKind.String, lostA.GetProperty("lastSeenAt").ValueKind);
        Assert.Equal("alive", State(Find(cluster, b)!.Value));
    }

    [Fact]
    public async Task An_instance_that_stops_gracefully_removes_its_row_and_leaves_the_listing()
    {
        var client = await instanceB.CreateUserClientAsync(role: AppRoles.Operator);
        var second = new SecondInstance(instanceB.Database);
        _ = second.Server;
        var id = (await second.Services.GetRequiredService<ISchedulerFactory>().GetScheduler()).SchedulerInstanceId;
        await WaitForAsync(client, c => Find(c, id) is { } published && published.GetProperty("hostName").ValueKind == JsonValueKind.String);

        await second.DisposeAsync();

        await using (var count = instanceB.Services.GetRequiredService<NpgsqlDataSource>().CreateCommand("SELECT count(*) FROM cluster_instances WHERE instance_id = $1"))
        {
            count.Parameters.Add(new() { Value = id });
            Assert.Equal(0L, await count.ExecuteScalarAsync());
        }

        // Quartz keeps its check-in until that ages out: meanwhile the instance is alive (its last check-in still fresh),
        // then stopped, and never late or lost.
        await WaitForAsync(client, c =>
        {
            Assert.True(Find(c, id) is not { } left || State(left) is "alive" or "stopped", $"A gracefully stopped instance shows as {c}");
            return Find(c, id) is null;
        });
    }

    [Fact]
    public async Task A_running_run_is_listed_under_the_instance_its_attempt_runs_on()
    {
        var client = await instanceB.CreateUserClientAsync(role: AppRoles.Operator);
        await using var processA = await AppProcess.StartAsync(instanceB.Database.ConnectionString);
        var job = await client.PostAsJsonAsync("/api/jobs", new { items = TodoDashboard.Features.Jobs.JobKind.MaxItems });
        Assert.Equal(HttpStatusCode.Accepted, job.StatusCode);
        var id = (await job.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        try
        {
            var node = await WaitForNodeAsync(client, id);

            var cluster = await WaitForAsync(client, c => Find(c, node) is { } instance && RunIds(instance).Contains(id));

            Assert.All(cluster.GetProperty("instances").EnumerateArray().Where(i => i.GetProperty("instanceId").GetString() != node),
                other => Assert.DoesNotContain(id, RunIds(other)));
            Assert.Equal("alive", State(Find(cluster, node)!.Value));
        }
        finally
        {
            await client.PostAsync($"/api/runs/{id}/cancel", null);
        }
    }

    [Fact]
    public async Task An_unknown_instance_is_404_and_an_id_longer_than_any_instance_id_is_a_400_naming_the_field()
    {
        var client = await instanceB.CreateUserClientAsync(role: AppRoles.Operator);

        var unknown = await client.GetAsync("/api/operations/cluster/no-such-instance");
        var tooLong = await client.GetAsync($"/api/operations/cluster/{new string('x', 201)}");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        var problem = await tooLong.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("instanceId", out _), problem.ToString());
    }

    private sealed class SecondInstance(TestDatabase database) : TodoDashboardFactory(database);

    private async Task<string> InstanceIdAsync() =>
        (await instanceB.Services.GetRequiredService<ISchedulerFactory>().GetScheduler()).SchedulerInstanceId;

    private static async Task<T> ReadAsync<T>(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<T>())!;
    }

    private static async Task<JsonElement> WaitForAsync(HttpClient client, Func<JsonElement, bool> reached)
    {
        var until = DateTime.UtcNow + Deadline;
        JsonElement cluster;
        do
        {
            cluster = await ReadAsync<JsonElement>(client, "/api/operations/cluster");
            if (reached(cluster))
            {
                return cluster;
            }

            await Task.Delay(200);
        }
        while (DateTime.UtcNow < until);

        Assert.Fail($"The cluster did not reach the expected state: {cluster}");
        return cluster;
    }

    /// <summary>The node the run's first attempt names, once it has one.</summary>
    private static async Task<string> WaitForNodeAsync(HttpClient client, Guid id)
    {
        var until = DateTime.UtcNow + Deadline;
        while (DateTime.UtcNow < until)
        {
            var attempts = (await ReadAsync<JsonElement>(client, $"/api/runs/{id}")).GetProperty("attempts");
            if (attempts.GetArrayLength() > 0)
            {
                return attempts[0].GetProperty("node").GetString()!;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"Run {id} was never picked up by a node.");
        return "";
    }

    private static JsonElement? Find(JsonElement cluster, string instanceId) =>
        cluster.GetProperty("instances").EnumerateArray().Where(i => i.GetProperty("instanceId").GetString() == instanceId).Cast<JsonElement?>().FirstOrDefault();

    private static JsonElement? Find(JsonElement cluster, int processId) =>
        cluster.GetProperty("instances").EnumerateArray()
            .Where(i => i.GetProperty("processId").ValueKind == JsonValueKind.Number && i.GetProperty("processId").GetInt32() == processId && !i.GetProperty("isCurrent").GetBoolean())
            .Cast<JsonElement?>().FirstOrDefault();

    private static string State(JsonElement instance) => instance.GetProperty("state").GetString()!;

    private static IEnumerable<Guid> RunIds(JsonElement instance) => instance.GetProperty("running").EnumerateArray().Select(r => r.GetProperty("id").GetGuid());
}

using System.Net;
using System.Net.ServerSentEvents;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TodoDashboard.Data;
using TodoDashboard.Infrastructure.Runs;

namespace TodoDashboard.Tests.Features.Operations;

/// <summary>One event of <c>/api/runs/{id}/events</c> as a client receives it: its id, its type, and its data (raw and read).</summary>
internal sealed record RunStreamEvent(long Id, string Type, string Data, RunResponse Run);

/// <summary>The runs API as a script sees it, and runs written straight into the table for the listing tests.</summary>
internal static class RunsApi
{
    /// <summary>Reads a run's event stream to its end (or until <paramref name="stopWhen"/>, then disconnects).</summary>
    public static async Task<List<RunStreamEvent>> ReadEventsAsync(
        this HttpClient client, Guid runId, string? lastEventId = null, Func<RunStreamEvent, bool>? stopWhen = null)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var response = await client.SendAsync(EventsRequest(runId, lastEventId), HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);

        var events = new List<RunStreamEvent>();
        await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token);
        await foreach (var item in SseParser.Create(stream).EnumerateAsync(timeout.Token))
        {
            var received = new RunStreamEvent(
                long.Parse(item.EventId!, System.Globalization.CultureInfo.InvariantCulture), item.EventType, item.Data,
                JsonSerializer.Deserialize<RunResponse>(item.Data, ApiJson.Options)!);
            events.Add(received);
            if (stopWhen?.Invoke(received) == true)
            {
                break;
            }
        }

        return events;
    }

    public static HttpRequestMessage EventsRequest(Guid runId, string? lastEventId)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/runs/{runId}/events");
        if (lastEventId is not null)
        {
            request.Headers.TryAddWithoutValidation("Last-Event-ID", lastEventId);
        }

        return request;
    }

    public static async Task<List<Guid>> RunIdsAsync(this HttpClient client, string query)
    {
        var response = await client.GetAsync($"/api/runs?{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadAsync<RunPage>()).Items.Select(r => r.Id).ToList();
    }

    public static Task<HttpResponseMessage> ActAsync(this HttpClient client, Guid runId, string action) =>
        client.PostAsync($"/api/runs/{runId}/{action}", null);

    /// <summary>A new user (given <paramref name="role"/>, if any) signed in, and their id.</summary>
    public static async Task<(HttpClient Client, string Id)> CreateUserWithIdAsync(this TodoDashboardFactory factory, string? role = null)
    {
        var email = ApiClientExtensions.NewEmail();
        var client = await factory.CreateUserClientAsync(email, role);
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        return (client, (await users.FindByEmailAsync(email))!.Id);
    }

    /// <summary>An ended run written straight into <c>runs</c> (its triggers still fire), created at a chosen time.</summary>
    public static async Task<Guid> InsertEndedRunAsync(
        this IServiceProvider services, string kind, string ownerId, RunState state, DateTime createdAt, string parameters = """{"items": 1}""")
    {
        var id = Guid.CreateVersion7();
        await using var command = services.GetRequiredService<NpgsqlDataSource>().CreateCommand("""
            INSERT INTO runs (id, kind, owner_id, owner_name, state, done, total, cancel_requested, created_at,
                              started_at, finished_at, parameters, data, attempt, elapsed_ms, version)
            VALUES ($1, $2, $3, 'Listing test', $4, 1, 1, false, $5, $5, $5, $6::jsonb, '{}'::jsonb, 1, 10, 0)
            """);
        command.Parameters.Add(new() { Value = id });
        command.Parameters.Add(new() { Value = kind });
        command.Parameters.Add(new() { Value = ownerId });
        command.Parameters.Add(new() { Value = state.ToString() });
        command.Parameters.Add(new() { Value = createdAt });
        command.Parameters.Add(new() { Value = parameters });
        await command.ExecuteNonQueryAsync();
        return id;
    }
}

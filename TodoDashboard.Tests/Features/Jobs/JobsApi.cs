using System.Net.Http.Json;
using System.Text.Json;
using TodoDashboard.Features.Jobs;

namespace TodoDashboard.Tests.Features.Jobs;

/// <summary>The jobs API as a script sees it, including its Server-Sent Events stream.</summary>
internal static class JobsApi
{
    public static async Task<JobResponse> StartAsync(this HttpClient client, int items)
    {
        var response = await client.PostAsJsonAsync("/api/jobs", new { items });
        response.EnsureSuccessStatusCode();
        return await response.ReadAsync<JobResponse>();
    }

    /// <summary>Reads the job's event stream to its end (or until <paramref name="stopWhen"/>) and returns every state it carried.</summary>
    public static async Task<List<JobResponse>> FollowAsync(
        this HttpClient client, Guid jobId, Func<JobResponse, Task>? onEvent = null, Func<JobResponse, bool>? stopWhen = null)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var response = await client.GetAsync($"/api/jobs/{jobId}/events", HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);

        var states = new List<JobResponse>();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(timeout.Token));
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                var state = JsonSerializer.Deserialize<JobResponse>(line["data: ".Length..], ApiJson.Options)!;
                states.Add(state);
                if (onEvent is not null)
                {
                    await onEvent(state);
                }

                if (stopWhen?.Invoke(state) == true)
                {
                    break;
                }
            }
        }

        return states;
    }
}

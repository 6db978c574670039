using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc;
using TodoDashboard.Infrastructure.Runs;
using TodoDashboard.Tests.Features.Jobs;

namespace TodoDashboard.Tests.Features.Operations;

/// <summary><c>GET /api/runs/{id}/events</c>: one event per version of the run, resumable with Last-Event-ID.</summary>
public class RunEventsTests(RunEventsTests.Factory factory) : IClassFixture<RunEventsTests.Factory>
{
    /// <summary>Items slow enough that a client can drop and come back while the job still runs.</summary>
    public sealed class Factory : TodoDashboardFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Jobs:ItemDuration", "00:00:00.200");
        }
    }

    [Fact]
    public async Task A_stream_resumed_with_last_event_id_mid_run_carries_every_version_once_up_to_the_end()
    {
        var client = await factory.CreateUserClientAsync();
        var job = await client.StartAsync(6);

        var first = await client.ReadEventsAsync(job.Id, stopWhen: e => e.Run.Done >= 2);
        var second = await client.ReadEventsAsync(job.Id, lastEventId: first[^1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var all = first.Concat(second).ToList();

        Assert.Contains(second, e => e.Type == "progress");
        Assert.Equal(Enumerable.Range(0, all.Count).Select(i => all[0].Id + i), all.Select(e => e.Id));
        Assert.All(all, e => Assert.Equal(e.Id, e.Run.Version));
        Assert.All(all.Take(all.Count - 1), e => Assert.Equal(("progress", true), (e.Type, e.Run.IsActive)));
        var end = all[^1];
        Assert.Equal(("end", RunState.Succeeded, 6L), (end.Type, end.Run.State, end.Run.Done));
        var dones = all.Select(e => e.Run.Done).ToList();
        Assert.Equal(dones.Order(), dones);
        Assert.Equal(Enumerable.Range((int)dones[0], 7 - (int)dones[0]).Select(d => (long)d), dones.Distinct());

        // The final event is the run as GET answers it, field for field.
        using var details = JsonDocument.Parse(await client.GetStringAsync($"/api/runs/{job.Id}"));
        Assert.Equal(details.RootElement.GetProperty("run").GetRawText(), end.Data);
    }

    [Fact]
    public async Task Last_event_id_0_replays_the_whole_history_and_a_reconnect_after_the_end_answers_204()
    {
        var client = await factory.CreateUserClientAsync();
        var job = await client.StartAsync(2);
        var live = await client.ReadEventsAsync(job.Id);

        var replayed = await client.ReadEventsAsync(job.Id, lastEventId: "0");
        using var fromQuery = await client.GetAsync($"/api/runs/{job.Id}/events?lastEventId=0", HttpCompletionOption.ResponseHeadersRead);
        using var afterEnd = await client.SendAsync(RunsApi.EventsRequest(job.Id, live[^1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var current = await client.ReadEventsAsync(job.Id);

        Assert.Equal(Enumerable.Range(1, replayed.Count).Select(v => (long)v), replayed.Select(e => e.Id));
        Assert.Equal((RunState.Queued, 0L), (replayed[0].Run.State, replayed[0].Run.Done));
        Assert.Equal(live[^1].Data, replayed[^1].Data);
        Assert.Equal(live.Select(e => (e.Id, e.Type, e.Data)), replayed.TakeLast(live.Count).Select(e => (e.Id, e.Type, e.Data)));
        Assert.Equal(HttpStatusCode.OK, fromQuery.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, afterEnd.StatusCode);
        var only = Assert.Single(current);
        Assert.Equal(("end", live[^1].Id, live[^1].Data), (only.Type, only.Id, only.Data));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("abc")]
    [InlineData("1.5")]
    [InlineData("99999999999999999999")]
    public async Task A_last_event_id_that_is_not_a_non_negative_whole_number_answers_400(string lastEventId)
    {
        var client = await factory.CreateUserClientAsync();
        var job = await client.StartAsync(1);

        using var byHeader = await client.SendAsync(RunsApi.EventsRequest(job.Id, lastEventId));
        using var byQuery = await client.GetAsync($"/api/runs/{job.Id}/events?lastEventId={Uri.EscapeDataString(lastEventId)}");

        Assert.Equal(HttpStatusCode.BadRequest, byHeader.StatusCode);
        Assert.Equal(["Last-Event-ID"], (await byHeader.ReadAsync<ValidationProblemDetails>()).Errors.Keys);
        Assert.Equal(HttpStatusCode.BadRequest, byQuery.StatusCode);
        Assert.Equal(["lastEventId"], (await byQuery.ReadAsync<ValidationProblemDetails>()).Errors.Keys);
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using TodoDashboard.Features.MultiDatabase;
using TodoDashboard.Infrastructure.Auth;
using TodoDashboard.Infrastructure.Runs;

namespace TodoDashboard.Tests.Features.MultiDatabase;

/// <summary>Scale runs are background runs on the engine: accepted at once, inserted a step at a time, each row exactly once.</summary>
public class MultiDbScaleRunTests(MultiDbScaleFactory factory) : IClassFixture<MultiDbScaleFactory>
{
    private const int Step = MultiDbScaleFactory.StepRows;

    private static readonly RunViewer Operator = new("an-operator", SeesAll: true);

    [Fact]
    public async Task A_scale_run_answers_202_and_inserts_every_row_in_the_background_a_step_at_a_time()
    {
        var client = await factory.CreateUserClientAsync(role: AppRoles.Operator);

        var response = await client.PostAsJsonAsync("/api/multidb/runs", new { scale = 110, maxConcurrency = 8 });
        var queued = await response.ReadAsync<MultiDbRunResult>();
        Assert.Contains("\"kind\":\"scale\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var run = await client.WaitForEndAsync(queued.Id);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal($"/api/multidb/runs/{queued.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal((MultiDbRunKind.Scale, 8, 330L), (queued.Kind, queued.MaxConcurrency, queued.Progress!.Total));
        Assert.True(queued.Progress.IsActive, "The POST answered before the run began, with the run still to do.");
        Assert.Equal((RunState.Succeeded, 330L, 100.0), (run.Progress!.State, run.Progress.Done, run.Progress.Percent));
        Assert.Equal([(MultiDbTable.Users, 110, 0, 0), (MultiDbTable.Products, 110, 0, 0), (MultiDbTable.Orders, 110, 0, 0)],
            run.Summary.Select(s => (s.Table, s.Inserted, s.Rejected, s.Errors)));
        Assert.Empty(run.Rows);
        Assert.Equal(330, run.RowsOmitted);
        Assert.True(run.ElapsedMs > 0);
        await factory.AssertRowsExactlyOnceAsync(run.Id, 110);

        // Each step committed its rows of all three tables with the progress: 25 row numbers, 75 rows, at a time.
        var events = await factory.Services.GetRequiredService<RunEngine>().EventsAfterAsync(run.Id, 0);
        var dones = events.Select(e => JsonDocument.Parse(e.Payload).RootElement.GetProperty("done").GetInt64()).Distinct().ToList();
        Assert.Equal([0, 3 * Step, 6 * Step, 9 * Step, 12 * Step, 330], dones);

        var listed = await (await client.GetAsync("/api/multidb/runs")).ReadAsync<List<MultiDbRunSummary>>();
        Assert.Equal(RunState.Succeeded, Assert.Single(listed, r => r.Id == run.Id).Progress?.State);
    }

    [Fact]
    public async Task An_attempt_interrupted_mid_step_is_resumed_by_the_next_and_no_row_is_inserted_twice()
    {
        var engine = factory.Services.GetRequiredService<RunEngine>();
        var executor = factory.Services.GetRequiredService<RunExecutor>();
        var kind = factory.Services.GetRequiredService<MultiDbScaleKind>();
        var run = (await engine.QueueAsync(kind, RunOwner.System, new ScaleRunParameters { Scale = 60, MaxConcurrency = 4 })).Value!.Run;

        // The first attempt inserts users and products of its first step, its orders wait, and then its node goes away.
        using var shutdown = new CancellationTokenSource();
        Task<RunExecution> first;
        await using (await factory.HoldOrdersAsync())
        {
            first = executor.ExecuteAsync(run.Id, "node-a", shutdown.Token);
            await MultiDbApi.EventuallyAsync(async () => (await factory.RowNumbersAsync(run.Id)).Users.Count > 0, "the first step has inserted users");
            await shutdown.CancelAsync();
            Assert.Equal(RunExecution.Executed, await first);
        }

        var interrupted = (await engine.GetAsync(run.Id))!;
        var leftovers = await factory.RowNumbersAsync(run.Id);
        Assert.Equal((RunState.Running, 0L), (interrupted.State, interrupted.Done));
        Assert.NotEmpty(leftovers.Users);

        Assert.Equal(RunExecution.Executed, await executor.ExecuteAsync(run.Id, "node-b", CancellationToken.None));

        var details = (await engine.DetailsAsync(run.Id, Operator))!;
        Assert.Equal((RunState.Succeeded, 180L), (details.Run.State, details.Run.Done));
        Assert.Equal([("node-a", "Interrupted"), ("node-b", "Succeeded")], details.Attempts.Select(a => (a.Node, a.Outcome)));
        Assert.All(MultiDbScaleKind.View(details.Run, DateTime.UtcNow).Summary, s => Assert.Equal((60, 0, 0), (s.Inserted, s.Rejected, s.Errors)));
        await factory.AssertRowsExactlyOnceAsync(run.Id, 60);
    }

    [Fact]
    public async Task Cancel_stops_a_scale_run_after_its_step_and_resume_finishes_it_with_every_row_once()
    {
        var client = await factory.CreateUserClientAsync(role: AppRoles.Operator);
        var service = factory.Services.GetRequiredService<MultiDbService>();
        var engine = factory.Services.GetRequiredService<RunEngine>();

        MultiDbRunResult queued;
        await using (await factory.HoldOrdersAsync())
        {
            queued = await client.StartScaleAsync(60, maxConcurrency: 4);
            await MultiDbApi.EventuallyAsync(async () => (await factory.RowNumbersAsync(queued.Id)).Users.Count > 0, "the first step has inserted users");
            Assert.Equal(RunActionOutcome.Done, (await service.CancelScaleAsync(Operator, queued.Id)).Outcome);
        }

        var cancelled = await client.WaitForEndAsync(queued.Id);
        Assert.Equal((RunState.Cancelled, 3L * Step), (cancelled.Progress!.State, cancelled.Progress.Done));
        Assert.All(cancelled.Summary, s => Assert.Equal((Step, 0, 0), (s.Inserted, s.Rejected, s.Errors)));
        await factory.AssertRowsExactlyOnceAsync(queued.Id, Step);

        Assert.Equal(RunActionOutcome.Done, (await engine.ResumeAsync(queued.Id, Operator)).Outcome);
        var resumed = await client.WaitForEndAsync(queued.Id);

        Assert.Equal((RunState.Succeeded, 180L), (resumed.Progress!.State, resumed.Progress.Done));
        Assert.All(resumed.Summary, s => Assert.Equal((60, 0, 0), (s.Inserted, s.Rejected, s.Errors)));
        await factory.AssertRowsExactlyOnceAsync(queued.Id, 60);
    }

    [Fact]
    public async Task A_max_concurrency_above_the_cap_answers_400_naming_it_and_starts_no_run()
    {
        var client = await factory.CreateUserClientAsync(role: AppRoles.Operator);
        var engine = factory.Services.GetRequiredService<RunEngine>();
        var before = (await engine.ListAsync(new RunQuery(Kind: MultiDbScaleKind.KindName), Operator)).Items.Count;

        var response = await client.PostAsJsonAsync("/api/multidb/runs", new { scale = 5, maxConcurrency = 17 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadAsync<ValidationProblemDetails>()).Errors;
        Assert.Contains("maxConcurrency is at most 16", Assert.Single(errors["maxConcurrency"]), StringComparison.Ordinal);
        Assert.Equal(before, (await engine.ListAsync(new RunQuery(Kind: MultiDbScaleKind.KindName), Operator)).Items.Count);
    }

    [Fact]
    public async Task A_member_may_not_start_a_scale_run_nor_see_an_operators()
    {
        var operatorClient = await factory.CreateUserClientAsync(role: AppRoles.Operator);
        var member = await factory.CreateUserClientAsync();
        var run = await operatorClient.StartScaleAsync(5);

        var refused = await member.PostAsJsonAsync("/api/multidb/runs", new { scale = 5 });

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(AppRoles.Operator, (await refused.ReadAsync<JsonElement>()).GetProperty("requiredRole").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync($"/api/multidb/runs/{run.Id}")).StatusCode);
        Assert.DoesNotContain(await (await member.GetAsync("/api/multidb/runs")).ReadAsync<List<MultiDbRunSummary>>(), r => r.Id == run.Id);
        Assert.Equal(RunState.Succeeded, (await operatorClient.WaitForEndAsync(run.Id)).Progress?.State);
    }
}

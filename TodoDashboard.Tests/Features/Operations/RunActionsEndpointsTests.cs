using System.Net;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TodoDashboard.Data;
using TodoDashboard.Features.Jobs;
using TodoDashboard.Features.Shares;
using TodoDashboard.Infrastructure.Auth;
using TodoDashboard.Infrastructure.Runs;
using TodoDashboard.Tests.Features.Jobs;

namespace TodoDashboard.Tests.Features.Operations;

/// <summary>Cancelling, resuming and retrying runs through the runs routes, and who may.</summary>
public class RunActionsEndpointsTests(TodoDashboardFactory factory) : IClassFixture<TodoDashboardFactory>
{
    private const string PriceUpdates = PriceUpdateKind.KindName;

    [Fact]
    public async Task Another_member_s_job_is_404_to_a_member_but_an_operator_sees_it_cancels_it_and_retries_it_for_its_owner()
    {
        var (owner, ownerId) = await factory.CreateUserWithIdAsync();
        var intruder = await factory.CreateUserClientAsync();
        var operatorClient = await factory.CreateUserClientAsync(role: AppRoles.Operator);
        var job = await owner.StartAsync(1000);

        Assert.Equal(HttpStatusCode.NotFound, (await intruder.GetAsync($"/api/runs/{job.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await intruder.GetAsync($"/api/runs/{job.Id}/events")).StatusCode);
        foreach (var action in new[] { "cancel", "retry", "resume" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await intruder.ActAsync(job.Id, action)).StatusCode);
        }

        Assert.DoesNotContain(job.Id, await intruder.RunIdsAsync("kind=jobs&limit=200"));
        Assert.Contains(job.Id, await operatorClient.RunIdsAsync("kind=jobs&limit=200"));
        var seen = await (await operatorClient.GetAsync($"/api/runs/{job.Id}")).ReadAsync<RunDetails>();
        Assert.Equal((ownerId, true, false), (seen.Run.OwnerId, seen.Actions.Cancel, seen.Actions.Retry));

        var cancel = await operatorClient.ActAsync(job.Id, "cancel");
        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        Assert.True((await cancel.ReadAsync<RunResponse>()).CancelRequested);
        var end = (await owner.ReadEventsAsync(job.Id))[^1];
        Assert.Equal(("end", RunState.Cancelled), (end.Type, end.Run.State));
        Assert.InRange(end.Run.Done, 0, 999);

        var retry = await operatorClient.ActAsync(job.Id, "retry");
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        var retried = await retry.ReadAsync<RunResponse>();
        Assert.Equal((job.Id, ownerId), (retried.RetryOf, retried.OwnerId));
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"/api/runs/{retried.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await intruder.GetAsync($"/api/runs/{retried.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await owner.ActAsync(retried.Id, "cancel")).StatusCode);
    }

    [Fact]
    public async Task A_cancelled_job_resumes_from_its_done_and_ends_with_exactly_its_total_items()
    {
        var client = await factory.CreateUserClientAsync();
        var job = await client.StartAsync(30);
        await client.ReadEventsAsync(job.Id, stopWhen: e => e.Run.Done >= 3);

        var cancel = await client.ActAsync(job.Id, "cancel");
        var cancelled = (await client.ReadEventsAsync(job.Id))[^1].Run;
        var again = await client.ActAsync(job.Id, "cancel");
        var resume = await client.ActAsync(job.Id, "resume");
        var end = (await client.ReadEventsAsync(job.Id))[^1];

        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        Assert.Equal(RunState.Cancelled, cancelled.State);
        Assert.InRange(cancelled.Done, 3, 29);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("cancelled", (await again.ReadAsync<ProblemDetails>()).Detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Accepted, resume.StatusCode);
        Assert.Equal($"/api/runs/{job.Id}", resume.Headers.Location?.OriginalString);
        Assert.Equal(job.Id, (await resume.ReadAsync<RunResponse>()).Id);
        Assert.Equal(("end", RunState.Succeeded, 30L, 30L), (end.Type, end.Run.State, end.Run.Done, end.Run.Total));
        Assert.Equal(Enumerable.Range(1, 30), await ItemNumbersAsync(job.Id));
        var details = await (await client.GetAsync($"/api/runs/{job.Id}")).ReadAsync<RunDetails>();
        Assert.Equal([1, 2], details.Attempts.Select(a => a.Number));
        Assert.Equal((0L, cancelled.Done), (details.Attempts[0].DoneAtStart, details.Attempts[1].DoneAtStart));
        Assert.Equal(["Cancelled", "Succeeded"], details.Attempts.Select(a => a.Outcome));
        Assert.Equal(new RunActions(Cancel: false, Retry: true, Resume: false), details.Actions);
        Assert.Equal(HttpStatusCode.Conflict, (await client.ActAsync(job.Id, "resume")).StatusCode);
    }

    [Fact]
    public async Task An_active_run_cannot_be_retried_or_resumed_and_an_ended_one_is_retried_as_a_new_run()
    {
        var client = await factory.CreateUserClientAsync();
        var active = await client.StartAsync(1000);
        var retryActive = await client.ActAsync(active.Id, "retry");
        var resumeActive = await client.ActAsync(active.Id, "resume");
        await client.ActAsync(active.Id, "cancel");
        await client.ReadEventsAsync(active.Id);

        var job = await client.StartAsync(3);
        var succeeded = (await client.ReadEventsAsync(job.Id))[^1].Run;
        var resumeSucceeded = await client.ActAsync(job.Id, "resume");
        var retry = await client.ActAsync(job.Id, "retry");
        var retried = await retry.ReadAsync<RunResponse>();
        var retriedEnd = (await client.ReadEventsAsync(retried.Id))[^1].Run;

        Assert.Equal(HttpStatusCode.Conflict, retryActive.StatusCode);
        Assert.Contains("still active", (await retryActive.ReadAsync<ProblemDetails>()).Detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, resumeActive.StatusCode);
        Assert.Equal(RunState.Succeeded, succeeded.State);
        Assert.Equal(HttpStatusCode.Conflict, resumeSucceeded.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        Assert.Equal($"/api/runs/{retried.Id}", retry.Headers.Location?.OriginalString);
        Assert.NotEqual(job.Id, retried.Id);
        Assert.Equal((JobKind.KindName, job.Id, 3, 3L), (retried.Kind, retried.RetryOf, retried.ParametersAs<JobParameters>().Items, retried.Total));
        Assert.Equal((RunState.Succeeded, 3L), (retriedEnd.State, retriedEnd.Done));
        Assert.Equal([1, 2, 3], await ItemNumbersAsync(retried.Id));
        Assert.Equal([1, 2, 3], await ItemNumbersAsync(job.Id));
        Assert.Equal([retried.Id, job.Id, active.Id], await client.RunIdsAsync("owner=me"));
    }

    [Fact]
    public async Task Retrying_a_run_of_a_kind_the_caller_may_no_longer_start_answers_403_naming_the_role()
    {
        // A price update a member started while they were an Operator.
        var (member, memberId) = await factory.CreateUserWithIdAsync();
        var run = await factory.Services.InsertEndedRunAsync(PriceUpdates, memberId, RunState.Failed, DateTime.UtcNow,
            """{"strategy": "bulk", "change": "add", "amount": 1, "seed": 1}""");

        var retry = await member.ActAsync(run, "retry");

        Assert.Equal(HttpStatusCode.Forbidden, retry.StatusCode);
        var problem = await retry.ReadAsync<ProblemDetails>();
        Assert.Equal(AppRoles.Operator, problem.Extensions["requiredRole"]?.ToString());
        Assert.Equal([run], await member.RunIdsAsync($"owner=me&kind={PriceUpdates}"));
    }

    private async Task<List<int>> ItemNumbersAsync(Guid jobId)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return await db.Set<JobItem>().Where(i => i.JobId == jobId).OrderBy(i => i.Number).Select(i => i.Number).ToListAsync();
    }
}

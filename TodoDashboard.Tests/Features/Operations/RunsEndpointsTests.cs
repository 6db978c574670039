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

public class RunsEndpointsTests(TodoDashboardFactory factory) : IClassFixture<TodoDashboardFactory>
{
    private const string PriceUpdates = PriceUpdateKind.KindName;

    [Fact]
    public async Task Paging_with_the_cursor_lists_every_run_once_newest_first_with_no_gaps()
    {
        var (client, userId) = await factory.CreateUserWithIdAsync();
        var start = new DateTime(2031, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var inserted = new List<Guid>();
        for (var i = 0; i < 23; i++)
        {
            // Three runs to a timestamp, so within one the id decides the order, across a page boundary too.
            inserted.Add(await factory.Services.InsertEndedRunAsync(JobKind.KindName, userId, RunState.Succeeded, start.AddMinutes(i / 3)));
        }

        var paged = new List<RunResponse>();
        var pages = 0;
        string? cursor = null;
        do
        {
            var response = await client.GetAsync($"/api/runs?owner=me&limit=5{(cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}")}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await response.ReadAsync<RunPage>();
            Assert.InRange(page.Items.Count, 1, 5);
            paged.AddRange(page.Items);
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null && pages < 10);

        var whole = await (await client.GetAsync("/api/runs?owner=me&limit=200")).ReadAsync<RunPage>();
        Assert.Equal(5, pages);
        Assert.Equal(inserted.Order(), paged.Select(r => r.Id).Order());
        Assert.Equal(whole.Items.Select(r => r.Id), paged.Select(r => r.Id));
        Assert.Null(whole.NextCursor);
        Assert.Equal(paged.Select(r => r.CreatedAt).OrderDescending(), paged.Select(r => r.CreatedAt));
    }

    [Fact]
    public async Task Kind_state_and_time_filters_narrow_the_listing()
    {
        var (client, userId) = await factory.CreateUserWithIdAsync();
        var t = new DateTime(2032, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var succeeded = await factory.Services.InsertEndedRunAsync(JobKind.KindName, userId, RunState.Succeeded, t);
        var failed = await factory.Services.InsertEndedRunAsync(JobKind.KindName, userId, RunState.Failed, t.AddHours(1));
        var cancelled = await factory.Services.InsertEndedRunAsync(JobKind.KindName, userId, RunState.Cancelled, t.AddHours(2));
        var priceUpdate = await factory.Services.InsertEndedRunAsync(PriceUpdates, userId, RunState.Succeeded, t.AddHours(3));

        Assert.Equal([cancelled, failed, succeeded], await client.RunIdsAsync("owner=me&kind=jobs"));
        Assert.Equal([priceUpdate], await client.RunIdsAsync($"owner=me&kind={PriceUpdates}"));
        Assert.Equal([failed], await client.RunIdsAsync("owner=me&state=failed"));
        Assert.Equal([priceUpdate, succeeded], await client.RunIdsAsync("owner=me&state=Succeeded"));
        Assert.Equal([succeeded], await client.RunIdsAsync("owner=me&kind=jobs&state=succeeded"));
        // since is inclusive, until exclusive.
        Assert.Equal([cancelled, failed], await client.RunIdsAsync($"owner=me&since={Time(t.AddHours(1))}&until={Time(t.AddHours(3))}"));
        Assert.Equal([priceUpdate, cancelled], await client.RunIdsAsync($"owner=me&since={Uri.EscapeDataString("2032-01-01T03:00:00+01:00")}"));
    }

    [Fact]
    public async Task A_member_lists_their_own_runs_and_the_kinds_everyone_sees_while_an_operator_lists_everyone_s()
    {
        var (member, memberId) = await factory.CreateUserWithIdAsync();
        var (_, otherId) = await factory.CreateUserWithIdAsync();
        var (operatorClient, _) = await factory.CreateUserWithIdAsync(AppRoles.Operator);
        var t = new DateTime(2033, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var own = await factory.Services.InsertEndedRunAsync(JobKind.KindName, memberId, RunState.Succeeded, t);
        var othersJob = await factory.Services.InsertEndedRunAsync(JobKind.KindName, otherId, RunState.Succeeded, t.AddMinutes(1));
        var othersPriceUpdate = await factory.Services.InsertEndedRunAsync(PriceUpdates, otherId, RunState.Failed, t.AddMinutes(2));
        var window = $"since={Time(t)}&until={Time(t.AddHours(1))}";

        Assert.Equal([othersPriceUpdate, own], await member.RunIdsAsync($"owner=all&{window}"));
        Assert.Equal([othersPriceUpdate, own], await member.RunIdsAsync(window));
        Assert.Equal([own], await member.RunIdsAsync($"owner=me&{window}"));
        Assert.Equal([othersPriceUpdate, othersJob, own], await operatorClient.RunIdsAsync($"owner=ALL&{window}"));
        Assert.Empty(await operatorClient.RunIdsAsync($"owner=me&{window}"));
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync($"/api/runs/{othersPriceUpdate}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync($"/api/runs/{othersJob}")).StatusCode);
    }

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

    [Fact]
    public async Task A_run_that_does_not_exist_answers_404()
    {
        var client = await factory.CreateUserClientAsync();
        var id = Guid.NewGuid();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/runs/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/runs/{id}/events")).StatusCode);
        foreach (var action in new[] { "cancel", "retry", "resume" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.ActAsync(id, action)).StatusCode);
        }
    }

    [Theory]
    [InlineData("kind=nope", "kind")]
    [InlineData("state=paused", "state")]
    [InlineData("state=1", "state")]
    [InlineData("owner=them", "owner")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    [InlineData("cursor=MTIzOm5vdC1hLWd1aWQ", "cursor")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=201", "limit")]
    [InlineData("limit=many", "limit")]
    [InlineData("since=yesterday", "since")]
    [InlineData("until=2030-13-01", "until")]
    public async Task A_bad_listing_parameter_answers_400_naming_it(string query, string field)
    {
        var client = await factory.CreateUserClientAsync();

        var response = await client.GetAsync($"/api/runs?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], (await response.ReadAsync<ValidationProblemDetails>()).Errors.Keys);
    }

    [Fact]
    public async Task Runs_routes_answer_401_without_a_signed_in_user()
    {
        var client = factory.CreateClient();
        var id = Guid.NewGuid();

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/runs")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync($"/api/runs/{id}/events")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.ActAsync(id, "retry")).StatusCode);
    }

    private static string Time(DateTime at) => Uri.EscapeDataString(at.ToString("O", System.Globalization.CultureInfo.InvariantCulture));

    private async Task<List<int>> ItemNumbersAsync(Guid jobId)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return await db.Set<JobItem>().Where(i => i.JobId == jobId).OrderBy(i => i.Number).Select(i => i.Number).ToListAsync();
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TodoDashboard.Data;
using TodoDashboard.Features.Jobs;
using TodoDashboard.Infrastructure.Auth;

namespace TodoDashboard.Tests.Features.Jobs;

public class JobsEndpointsTests(TodoDashboardFactory factory) : IClassFixture<TodoDashboardFactory>
{
    [Fact]
    public async Task A_started_job_answers_202_runs_in_the_background_and_streams_progress_to_success()
    {
        var client = await factory.CreateUserClientAsync();

        var response = await client.PostAsJsonAsync("/api/jobs", new { items = 8 });
        var job = await response.ReadAsync<JobResponse>();
        var states = await client.FollowAsync(job.Id);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal($"/api/jobs/{job.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal(JobStatus.Queued, job.Status);
        Assert.Equal(8, job.Total);
        var dones = states.Select(s => s.Done).ToList();
        Assert.Equal(dones.Order(), dones);
        Assert.Contains(states, s => s.Status == JobStatus.Processing && s.Done is > 0 and < 8);
        var last = states[^1];
        Assert.Equal(JobStatus.Succeeded, last.Status);
        Assert.Equal((8, 100.0), (last.Done, last.Percent));
        Assert.NotNull(last.StartedAt);
        Assert.NotNull(last.FinishedAt);
        Assert.Equal(last, await (await client.GetAsync($"/api/jobs/{job.Id}")).ReadAsync<JobResponse>());
        Assert.Equal(Enumerable.Range(1, 8), await ItemNumbersAsync(job.Id));
    }

    [Fact]
    public async Task A_second_start_while_one_is_active_answers_409_pointing_at_the_active_job()
    {
        var client = await factory.CreateUserClientAsync();
        var active = await client.StartAsync(200);

        var second = await client.PostAsJsonAsync("/api/jobs", new { items = 5 });

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal($"/api/jobs/{active.Id}", second.Headers.Location?.OriginalString);
        var problem = await second.ReadAsync<ProblemDetails>();
        Assert.Equal(active.Id.ToString(), problem.Extensions["activeJobId"]?.ToString());
        Assert.Single(await (await client.GetAsync("/api/jobs")).ReadAsync<List<JobResponse>>());
        await client.PostAsync($"/api/jobs/{active.Id}/cancel", null);
    }

    [Fact]
    public async Task A_hundred_concurrent_starts_from_one_user_create_exactly_one_job()
    {
        var client = await factory.CreateUserClientAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => client.PostAsJsonAsync("/api/jobs", new { items = 200 })));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Accepted);
        Assert.Equal(99, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Single(responses.Select(r => r.Headers.Location?.OriginalString).Distinct());
        var jobs = await (await client.GetAsync("/api/jobs")).ReadAsync<List<JobResponse>>();
        var job = Assert.Single(jobs);
        await client.PostAsync($"/api/jobs/{job.Id}/cancel", null);
    }

    [Fact]
    public async Task Cancel_stops_a_processing_job_keeping_the_items_already_done()
    {
        var client = await factory.CreateUserClientAsync();
        var job = await client.StartAsync(1000);
        HttpResponseMessage? cancel = null;

        var states = await client.FollowAsync(job.Id, async state =>
        {
            if (cancel is null && state.Done >= 2)
            {
                cancel = await client.PostAsync($"/api/jobs/{job.Id}/cancel", null);
            }
        });

        Assert.Equal(HttpStatusCode.Accepted, cancel!.StatusCode);
        var last = states[^1];
        Assert.Equal(JobStatus.Cancelled, last.Status);
        Assert.InRange(last.Done, 2, 999);
        Assert.Equal(Enumerable.Range(1, last.Done), await ItemNumbersAsync(job.Id));
        var again = await client.PostAsync($"/api/jobs/{job.Id}/cancel", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync("/api/jobs", new { items = 1 })).StatusCode);
    }

    [Fact]
    public async Task Another_users_job_answers_404_everywhere()
    {
        var owner = await factory.CreateUserClientAsync();
        var intruder = await factory.CreateUserClientAsync();
        var job = await owner.StartAsync(1);

        Assert.Equal(HttpStatusCode.NotFound, (await intruder.GetAsync($"/api/jobs/{job.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await intruder.GetAsync($"/api/jobs/{job.Id}/events")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await intruder.PostAsync($"/api/jobs/{job.Id}/cancel", null)).StatusCode);
        Assert.Empty(await (await intruder.GetAsync("/api/jobs")).ReadAsync<List<JobResponse>>());
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync($"/api/jobs/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task An_operator_may_cancel_anyone_s_job_but_still_cannot_read_it()
    {
        var owner = await factory.CreateUserClientAsync();
        var operatorClient = await factory.CreateUserClientAsync(role: AppRoles.Operator);
        var job = await owner.StartAsync(200);

        var cancelled = await operatorClient.PostAsync($"/api/jobs/{job.Id}/cancel", null);
        Assert.Equal(HttpStatusCode.Accepted, cancelled.StatusCode);
        var final = (await owner.FollowAsync(job.Id)).Last();
        Assert.Equal(JobStatus.Cancelled, final.Status);
        Assert.True(final.Done < 200);

        // Cancelling is the operator's; the job and its progress stay its owner's.
        Assert.Equal(HttpStatusCode.NotFound, (await operatorClient.GetAsync($"/api/jobs/{job.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await operatorClient.PostAsync($"/api/jobs/{job.Id}/cancel", null)).StatusCode);
    }

    [Fact]
    public async Task Jobs_are_listed_newest_first()
    {
        var client = await factory.CreateUserClientAsync();
        var first = await client.StartAsync(1);
        await client.FollowAsync(first.Id);
        var second = await client.StartAsync(1);
        await client.FollowAsync(second.Id);

        var jobs = await (await client.GetAsync("/api/jobs")).ReadAsync<List<JobResponse>>();

        Assert.Equal([second.Id, first.Id], jobs.Select(j => j.Id));
        Assert.All(jobs, j => Assert.Equal(JobStatus.Succeeded, j.Status));
    }

    [Theory]
    [InlineData("""{"items":0}""", "items")]
    [InlineData("""{"items":1001}""", "items")]
    [InlineData("""{"items":-5}""", "items")]
    [InlineData("""{"items":"many"}""", "items")]
    [InlineData("""{"items":""", "items")]
    public async Task Item_counts_outside_1_to_1000_answer_400_and_start_nothing(string body, string field)
    {
        var client = await factory.CreateUserClientAsync();

        var response = await client.PostAsync("/api/jobs", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, (await response.ReadAsync<ValidationProblemDetails>()).Errors.Keys);
        Assert.Empty(await (await client.GetAsync("/api/jobs")).ReadAsync<List<JobResponse>>());
    }

    [Fact]
    public async Task Jobs_routes_answer_401_without_a_signed_in_user()
    {
        var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/jobs", new { items = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/jobs")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync($"/api/jobs/{Guid.NewGuid()}/events")).StatusCode);
    }

    private async Task<List<int>> ItemNumbersAsync(Guid jobId)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return await db.Set<JobItem>().Where(i => i.JobId == jobId).OrderBy(i => i.Number).Select(i => i.Number).ToListAsync();
    }
}

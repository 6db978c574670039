using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TodoDashboard.Data;
using TodoDashboard.Features.Jobs;

namespace TodoDashboard.Tests.Features.Jobs;

/// <summary>Two app instances on one database: A is a real process that gets killed, B is the in-process host.</summary>
public class JobsAcrossInstancesTests(TodoDashboardFactory instanceB) : IClassFixture<TodoDashboardFactory>
{
    [Fact]
    public async Task A_job_started_on_A_streams_on_B_and_completes_there_after_A_is_killed_with_no_item_lost_or_repeated()
    {
        const int items = 60;
        await using var instanceA = await AppProcess.StartAsync(instanceB.Database.ConnectionString);
        var clientA = await SignedInClientAsync(instanceA);
        // B starts only once A is working on the job, so it is certainly A's run that the kill interrupts.
        var job = await clientA.StartAsync(items);
        await clientA.FollowAsync(job.Id, stopWhen: state => state.Done >= 2);
        var clientB = instanceB.CreateClient();
        clientB.DefaultRequestHeaders.Authorization = clientA.DefaultRequestHeaders.Authorization;

        var killedAt = -1;
        var states = await clientB.FollowAsync(job.Id, state =>
        {
            if (killedAt < 0 && state.Done >= 3)
            {
                killedAt = state.Done;
                instanceA.Kill();
            }

            return Task.CompletedTask;
        });

        Assert.InRange(killedAt, 3, items - 1);
        Assert.True(states[0].Done >= 2);
        var dones = states.Select(s => s.Done).ToList();
        Assert.Equal(dones.Order(), dones);
        var last = states[^1];
        Assert.Equal((JobStatus.Succeeded, items), (last.Status, last.Done));
        await using var db = await instanceB.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var numbers = await db.Set<JobItem>().Where(i => i.JobId == job.Id).OrderBy(i => i.Number).Select(i => i.Number).ToListAsync();
        Assert.Equal(Enumerable.Range(1, items), numbers);
    }

    [Fact]
    public async Task A_cancel_accepted_by_B_stops_the_job_running_on_A()
    {
        await using var instanceA = await AppProcess.StartAsync(instanceB.Database.ConnectionString);
        var clientA = await SignedInClientAsync(instanceA);
        var job = await clientA.StartAsync(1000);
        await clientA.FollowAsync(job.Id, stopWhen: state => state.Done >= 2);
        var clientB = instanceB.CreateClient();
        clientB.DefaultRequestHeaders.Authorization = clientA.DefaultRequestHeaders.Authorization;

        var cancel = await clientB.PostAsync($"/api/jobs/{job.Id}/cancel", null);
        var states = await clientA.FollowAsync(job.Id);

        Assert.Equal(System.Net.HttpStatusCode.Accepted, cancel.StatusCode);
        var last = states[^1];
        Assert.Equal(JobStatus.Cancelled, last.Status);
        Assert.InRange(last.Done, 2, 999);
        await using var db = await instanceB.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        Assert.Equal(last.Done, await db.Set<JobItem>().CountAsync(i => i.JobId == job.Id));
    }

    private static async Task<HttpClient> SignedInClientAsync(AppProcess instance)
    {
        var client = instance.CreateClient();
        var email = ApiClientExtensions.NewEmail();
        (await client.PostAsJsonAsync("/api/auth/register", new { email, password = ApiClientExtensions.Password })).EnsureSuccessStatusCode();
        var tokens = await client.LoginAsync(email, ApiClientExtensions.Password);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        return client;
    }
}

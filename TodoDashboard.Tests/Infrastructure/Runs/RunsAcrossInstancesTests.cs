using System.Net;
using System.Net.Http.Json;
using TodoDashboard.Infrastructure.Runs;

namespace TodoDashboard.Tests.Infrastructure.Runs;

/// <summary>
/// Two instances on one database, with the built-in no-op kind that both know: A is a real process (so it can be
/// killed the way a crash kills it), B is the in-process host. B's scheduler stands by while A runs, so it is certainly
/// A that executes the run.
/// </summary>
public class RunsAcrossInstancesTests(RunsFactory instanceB) : IClassFixture<RunsFactory>
{
    [Fact]
    public async Task A_noop_run_on_a_killed_instance_is_resumed_on_the_other_and_commits_every_step_exactly_once()
    {
        // Slow enough on A (15 s in all) that it is still running when the test, however late it hears of step 3, kills it.
        const int steps = 60;
        var nodeB = await instanceB.SchedulerInstanceIdAsync();
        var schedulerB = await instanceB.SchedulerAsync();
        await schedulerB.Standby();
        RunResponse run;
        try
        {
            await using var instanceA = await AppProcess.StartAsync(instanceB.Database.ConnectionString, RunsFactory.NoOpSettings);
            run = await StartNoOpAsync(instanceA, steps, stepDelayMs: 250);
            await instanceB.WaitForAsync(run.Id, r => r.Done >= 3, "3 steps done on A");

            instanceA.Kill();
        }
        finally
        {
            await schedulerB.Start();
        }

        var ended = await instanceB.WaitForEndAsync(run.Id);

        Assert.Equal((RunState.Succeeded, (long)steps, (long)steps), (ended.State, ended.Done, ended.Total));
        var attempts = await instanceB.AttemptsAsync(run.Id);
        Assert.True(attempts.Count >= 2, $"{attempts.Count} attempt(s)");
        Assert.NotEqual(nodeB, attempts[0].Node);
        Assert.Equal("Interrupted", attempts[0].Outcome);
        Assert.Equal((nodeB, "Succeeded"), (attempts[^1].Node, attempts[^1].Outcome));
        Assert.InRange(attempts[^1].DoneAtStart, 3, steps - 1);
        // Each step is one event that raised done by one: none lost (done reaches the total), none twice.
        var events = await instanceB.EventsAsync(run.Id);
        var raises = events.Zip(events.Skip(1), (before, after) => after.Done - before.Done).ToList();
        Assert.All(raises, raise => Assert.InRange(raise, 0, 1));
        Assert.Equal(steps, raises.Count(raise => raise == 1));
    }

    [Fact]
    public async Task A_cancel_accepted_by_B_stops_the_run_executing_on_A_at_its_next_step()
    {
        var nodeB = await instanceB.SchedulerInstanceIdAsync();
        var schedulerB = await instanceB.SchedulerAsync();
        await schedulerB.Standby();
        try
        {
            await using var instanceA = await AppProcess.StartAsync(instanceB.Database.ConnectionString, RunsFactory.NoOpSettings);
            var run = await StartNoOpAsync(instanceA, steps: 100_000, stepDelayMs: 20);
            await instanceB.WaitForAsync(run.Id, r => r.Done >= 2, "2 steps done on A");

            var cancel = await instanceB.Engine.CancelAsync(run.Id, RunsFactory.Operator);
            var ended = await instanceB.WaitForEndAsync(run.Id);

            Assert.Equal(RunActionOutcome.Done, cancel.Outcome);
            Assert.Equal(RunState.Cancelled, ended.State);
            Assert.InRange(ended.Done, 2, run.Total - 1);
            var attempt = Assert.Single(await instanceB.AttemptsAsync(run.Id));
            Assert.NotEqual(nodeB, attempt.Node);
            Assert.Equal(("Cancelled", ended.Done), (attempt.Outcome, attempt.DoneAtEnd));
        }
        finally
        {
            await schedulerB.Start();
        }
    }

    /// <summary>Starts a no-op run through the instance's API, as an Operator there.</summary>
    private async Task<RunResponse> StartNoOpAsync(AppProcess instance, int steps, int stepDelayMs)
    {
        var client = await instanceB.OperatorClientAsync(instance);
        var response = await client.PostAsJsonAsync("/api/runs/noop", new { steps, stepDelayMs });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var run = await response.ReadAsync<RunResponse>();
        Assert.Equal((NoOpKind.KindName, (long)steps), (run.Kind, run.Total));
        return run;
    }
}

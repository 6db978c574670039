using Npgsql;
using TodoDashboard.Infrastructure.Runs;

namespace TodoDashboard.Tests.Infrastructure.Runs;

/// <summary>
/// Attempts that end without ending their run: a node that goes away mid-step, and one that lives on after losing the
/// run to another. Either way each step is committed exactly once.
/// </summary>
public class RunRecoveryTests(RunsFactory factory) : IClassFixture<RunsFactory>
{
    [Fact]
    public async Task A_node_that_dies_after_a_steps_writes_but_before_its_commit_leaves_the_step_to_the_next_attempt_which_does_it_once()
    {
        var id = (await factory.StartAsync(new CountingParameters { Steps = 5, CrashAtStep = 3 }, schedule: false)).Run.Id;
        using var shutdown = new CancellationTokenSource();
        factory.Probe.OnCrash(id, shutdown.Cancel);

        // Executed here as a node of its own; once it has gone, the recovery sweep hands the run to this app's scheduler.
        var execution = await factory.Executor.ExecuteAsync(id, "doomed-node", shutdown.Token);
        var ended = await factory.WaitForEndAsync(id);

        Assert.Equal(RunExecution.Executed, execution);
        Assert.Equal((RunState.Succeeded, 5L), (ended.State, ended.Done));
        Assert.Equal([(1, 1), (2, 1), (3, 2), (4, 2), (5, 2)], await factory.StepsAsync(id));
        var attempts = await factory.AttemptsAsync(id);
        Assert.Equal([(1, "doomed-node", 0L, 2L, "Interrupted"), (2, await factory.SchedulerInstanceIdAsync(), 2L, 5L, "Succeeded")],
            attempts.Select(a => (a.Number, a.Node, a.DoneAtStart, a.DoneAtEnd ?? -1, a.Outcome ?? "")));
        Assert.Equal([RunState.Queued, RunState.Running, RunState.Succeeded], await factory.StatesAsync(id));
    }

    [Fact]
    public async Task A_stale_attempts_commit_is_refused_once_a_newer_attempt_has_claimed_the_run()
    {
        var id = (await factory.StartAsync(new CountingParameters { Steps = 3, Gated = true }, schedule: false)).Run.Id;
        factory.Probe.Release(id, attempt: 1);
        var stale = Task.Run(() => factory.Executor.ExecuteAsync(id, "stale-node", CancellationToken.None));
        await factory.WaitForAsync(id, r => r.Done == 1, "its first step");

        // The stale node's session ends (a partition, say) while its step function still runs: its lock goes with it,
        // and the recovery sweep gives the run to this app's scheduler as attempt 2.
        Assert.True(await TerminateLockHolderAsync(id));
        await factory.WaitForAsync(id, r => r.Attempts == 2, "a second attempt");
        factory.Probe.Release(id, attempt: 1);
        await RunsFactory.WaitUntilAsync(() => Task.FromResult(factory.Probe.RefusedCommits.Any(r => r.RunId == id)), "the stale commit refused");
        var staleExecution = await stale;
        factory.Probe.Open(id);
        var ended = await factory.WaitForEndAsync(id);

        var refused = Assert.Single(factory.Probe.RefusedCommits, r => r.RunId == id);
        Assert.Equal(1, refused.Attempt);
        Assert.IsType<RunSupersededException>(refused.Error);
        Assert.Equal(RunExecution.Executed, staleExecution);
        Assert.Equal((RunState.Succeeded, 3L), (ended.State, ended.Done));
        // Step 2's row from attempt 1 rolled back with its refused commit.
        Assert.Equal([(1, 1), (2, 2), (3, 2)], await factory.StepsAsync(id));
        var attempts = await factory.AttemptsAsync(id);
        Assert.Equal([(1, "stale-node", "Superseded"), (2, await factory.SchedulerInstanceIdAsync(), "Succeeded")],
            attempts.Select(a => (a.Number, a.Node, a.Outcome ?? "")));
    }

    [Fact]
    public async Task A_run_asked_to_cancel_while_its_node_was_down_ends_cancelled_when_next_picked_up()
    {
        // The scheduler stands by, so nothing but this test executes the run until the cancel is in.
        var scheduler = await factory.SchedulerAsync();
        await scheduler.Standby();
        Guid id;
        try
        {
            id = (await factory.StartAsync(new CountingParameters { Steps = 5, Gated = true }, schedule: false)).Run.Id;
            factory.Probe.Release(id, attempt: 1, steps: 2);
            using var shutdown = new CancellationTokenSource();
            var doomed = Task.Run(() => factory.Executor.ExecuteAsync(id, "doomed-node", shutdown.Token));
            await factory.WaitForAsync(id, r => r.Done == 2, "2 steps done");
            await shutdown.CancelAsync();
            Assert.Equal(RunExecution.Executed, await doomed);

            var cancel = await factory.Engine.CancelAsync(id, RunsFactory.Operator);

            Assert.Equal((RunActionOutcome.Done, RunState.Running, true), (cancel.Outcome, cancel.Run!.State, cancel.Run.CancelRequested));
        }
        finally
        {
            await scheduler.Start();
        }

        var ended = await factory.WaitForEndAsync(id);

        Assert.Equal((RunState.Cancelled, 2L), (ended.State, ended.Done));
        Assert.NotNull(ended.FinishedAt);
        Assert.Equal([(1, 1), (2, 1)], await factory.StepsAsync(id));
        // Claimed again, so its kind may clean up, and told at once that it is cancelled.
        Assert.Equal([(1, "Interrupted"), (2, "Cancelled")], (await factory.AttemptsAsync(id)).Select(a => (a.Number, a.Outcome ?? "")));
    }

    [Fact]
    public async Task A_node_that_does_not_know_a_runs_kind_leaves_the_run_to_one_that_does()
    {
        var scheduler = await factory.SchedulerAsync();
        await scheduler.Standby();
        try
        {
            // A kind this node lacks: a newer version's, or the no-op kind where it is off.
            var run = (await factory.StartAsync(new CountingParameters { Steps = 1 }, schedule: false)).Run;
            await using (var connection = new NpgsqlConnection(factory.Database.ConnectionString))
            {
                await connection.OpenAsync();
                await using var rename = new NpgsqlCommand("""UPDATE runs SET kind = 'unknown-here' WHERE id = $1""", connection)
                {
                    Parameters = { new() { Value = run.Id } },
                };
                await rename.ExecuteNonQueryAsync();
            }

            var execution = await factory.Executor.ExecuteAsync(run.Id, "test-node", CancellationToken.None);

            Assert.Equal(RunExecution.HeldBack, execution);
            var untouched = await factory.Engine.GetAsync(run.Id);
            Assert.Equal((RunState.Queued, 0), (untouched!.State, untouched.Attempts));
            Assert.Equal(0L, await factory.CountAsync("""SELECT count(*) FROM run_attempts WHERE run_id = $1""", run.Id));
            await factory.Engine.CancelAsync(run.Id, RunsFactory.Operator);
        }
        finally
        {
            await scheduler.Start();
        }
    }

    private async Task<bool> TerminateLockHolderAsync(Guid id)
    {
        await using var connection = new NpgsqlConnection(factory.Database.ConnectionString);
        await connection.OpenAsync();
        await using var terminate = new NpgsqlCommand($"SELECT bool_and(pg_terminate_backend(l.pid)) {RunsFactory.LockHoldersSql}", connection)
        {
            Parameters = { new() { Value = id } },
        };
        return await terminate.ExecuteScalarAsync() is true;
    }
}

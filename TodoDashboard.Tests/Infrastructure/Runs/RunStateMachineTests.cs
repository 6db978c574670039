using TodoDashboard.Infrastructure.Auth;
using TodoDashboard.Infrastructure.Runs;

namespace TodoDashboard.Tests.Infrastructure.Runs;

/// <summary>A run's life on one instance, driven by the test kind: queued, running, and each way it ends or goes on.</summary>
public class RunStateMachineTests(RunsFactory factory) : IClassFixture<RunsFactory>
{
    [Fact]
    public async Task A_run_goes_from_queued_to_running_to_succeeded_committing_each_step_once()
    {
        var started = await factory.StartAsync(new CountingParameters { Steps = 5 });

        var ended = await factory.WaitForEndAsync(started.Run.Id);

        Assert.True(started.Started);
        Assert.Equal(RunState.Queued, (await factory.EventsAsync(started.Run.Id))[0].State);
        Assert.Equal((RunState.Succeeded, 5L, 5L, 100.0), (ended.State, ended.Done, ended.Total, ended.Percent));
        Assert.Equal([RunState.Queued, RunState.Running, RunState.Succeeded], await factory.StatesAsync(started.Run.Id));
        Assert.Equal(Enumerable.Range(1, 5).Select(s => (s, 1)), await factory.StepsAsync(started.Run.Id));
        Assert.NotNull(ended.StartedAt);
        Assert.NotNull(ended.FinishedAt);
        Assert.Null(ended.Error);
        var attempt = Assert.Single(await factory.AttemptsAsync(started.Run.Id));
        Assert.Equal((1, await factory.SchedulerInstanceIdAsync(), 0L, 5L, "Succeeded"),
            (attempt.Number, attempt.Node, attempt.DoneAtStart, attempt.DoneAtEnd, attempt.Outcome));
    }

    [Fact]
    public async Task A_run_whose_kind_fails_ends_failed_with_the_kinds_reason_keeping_its_committed_steps()
    {
        var started = await factory.StartAsync(new CountingParameters { Steps = 5, FailAtStep = 3 });

        var ended = await factory.WaitForEndAsync(started.Run.Id);

        Assert.Equal((RunState.Failed, 2L, CountingKind.FailureFor(3)), (ended.State, ended.Done, ended.Error));
        Assert.Equal([RunState.Queued, RunState.Running, RunState.Failed], await factory.StatesAsync(started.Run.Id));
        Assert.Equal([(1, 1), (2, 1)], await factory.StepsAsync(started.Run.Id));
        Assert.Equal("Failed", Assert.Single(await factory.AttemptsAsync(started.Run.Id)).Outcome);
        Assert.Equal(new RunActions(Cancel: false, Retry: true, Resume: true), factory.Engine.ActionsFor(ended, RunsFactory.Operator));
    }

    [Fact]
    public async Task Cancelling_a_queued_run_ends_it_cancelled_at_once_and_it_never_runs()
    {
        var started = await factory.StartAsync(new CountingParameters { Steps = 5 }, schedule: false);

        var cancel = await factory.Engine.CancelAsync(started.Run.Id, RunsFactory.Operator);
        var execution = await factory.Executor.ExecuteAsync(started.Run.Id, "test-node", CancellationToken.None);

        Assert.Equal(RunState.Queued, started.Run.State);
        Assert.Equal(RunActionOutcome.Done, cancel.Outcome);
        Assert.Equal((RunState.Cancelled, true, 0L), (cancel.Run!.State, cancel.Run.CancelRequested, cancel.Run.Done));
        Assert.NotNull(cancel.Run.FinishedAt);
        Assert.Equal(RunExecution.NotActive, execution);
        Assert.Empty(await factory.AttemptsAsync(started.Run.Id));
        Assert.Empty(await factory.StepsAsync(started.Run.Id));
        Assert.Equal([RunState.Queued, RunState.Cancelled], await factory.StatesAsync(started.Run.Id));
    }

    [Fact]
    public async Task Cancelling_a_running_run_stops_it_at_its_next_step_keeping_what_it_committed()
    {
        var id = (await factory.StartAsync(new CountingParameters { Steps = 10, Gated = true })).Run.Id;
        factory.Probe.Release(id, attempt: 1, steps: 2);
        await factory.WaitForAsync(id, r => r.Done == 2, "2 steps done");

        var cancel = await factory.Engine.CancelAsync(id, RunsFactory.Operator);
        var ended = await factory.WaitForEndAsync(id);

        Assert.Equal(RunActionOutcome.Done, cancel.Outcome);
        Assert.True(cancel.Run!.CancelRequested);
        Assert.Equal((RunState.Cancelled, 2L), (ended.State, ended.Done));
        Assert.Equal([(1, 1), (2, 1)], await factory.StepsAsync(id));
        Assert.Equal("Cancelled", Assert.Single(await factory.AttemptsAsync(id)).Outcome);
        Assert.Equal([RunState.Queued, RunState.Running, RunState.Cancelled], await factory.StatesAsync(id));
    }

    [Fact]
    public async Task Resuming_a_failed_run_continues_from_its_last_committed_step_as_a_new_attempt()
    {
        var id = (await factory.StartAsync(new CountingParameters { Steps = 6, FailAtStep = 4 })).Run.Id;
        var failed = await factory.WaitForEndAsync(id);

        var resume = await factory.Engine.ResumeAsync(id, RunsFactory.Operator);
        var ended = await factory.WaitForEndAsync(id);

        Assert.Equal((RunState.Failed, 3L), (failed.State, failed.Done));
        Assert.Equal(RunActionOutcome.Done, resume.Outcome);
        Assert.Equal((RunState.Succeeded, 6L), (ended.State, ended.Done));
        Assert.Null(ended.Error);
        Assert.Equal([(1, 1), (2, 1), (3, 1), (4, 2), (5, 2), (6, 2)], await factory.StepsAsync(id));
        var attempts = await factory.AttemptsAsync(id);
        Assert.Equal([(1, 0L, 3L, "Failed"), (2, 3L, 6L, "Succeeded")],
            attempts.Select(a => (a.Number, a.DoneAtStart, a.DoneAtEnd ?? -1, a.Outcome ?? "")));
        Assert.Equal([RunState.Queued, RunState.Running, RunState.Failed, RunState.Queued, RunState.Running, RunState.Succeeded],
            await factory.StatesAsync(id));
    }

    [Fact]
    public async Task Resuming_a_cancelled_run_continues_from_its_last_committed_step()
    {
        var id = (await factory.StartAsync(new CountingParameters { Steps = 5, Gated = true })).Run.Id;
        factory.Probe.Release(id, attempt: 1, steps: 2);
        await factory.WaitForAsync(id, r => r.Done == 2, "2 steps done");
        await factory.Engine.CancelAsync(id, RunsFactory.Operator);
        var cancelled = await factory.WaitForEndAsync(id);

        factory.Probe.Open(id);
        var resume = await factory.Engine.ResumeAsync(id, RunsFactory.Operator);
        var ended = await factory.WaitForEndAsync(id);

        Assert.Equal((RunState.Cancelled, 2L), (cancelled.State, cancelled.Done));
        Assert.Equal(RunActionOutcome.Done, resume.Outcome);
        Assert.False(resume.Run!.CancelRequested);
        Assert.Equal((RunState.Succeeded, 5L), (ended.State, ended.Done));
        Assert.Equal([(1, 1), (2, 1), (3, 2), (4, 2), (5, 2)], await factory.StepsAsync(id));
        Assert.Equal(2L, (await factory.AttemptsAsync(id))[1].DoneAtStart);
    }

    [Fact]
    public async Task Retrying_an_ended_run_starts_a_new_run_from_the_beginning_that_names_the_original()
    {
        var owner = await factory.NewOwnerAsync();
        var parameters = new CountingParameters { Steps = 4, FailAtStep = 3 };
        var original = (await factory.StartAsync(parameters, owner)).Run;
        await factory.WaitForEndAsync(original.Id);

        var retry = await factory.Engine.RetryAsync(original.Id, new RunViewer(owner.Id!, SeesAll: false), owner, _ => true);
        var retried = await factory.WaitForEndAsync(retry.Run!.Id);

        Assert.Equal(RunActionOutcome.Done, retry.Outcome);
        Assert.NotEqual(original.Id, retry.Run.Id);
        Assert.Equal(original.Id, retried.RetryOf);
        Assert.Equal((owner.Id, CountingKind.KindName), (retried.OwnerId, retried.Kind));
        Assert.Equal(parameters, retried.ParametersAs<CountingParameters>());
        // From the beginning: its own steps 1 and 2, on its own first attempt, failing where the original did.
        Assert.Equal((RunState.Failed, 2L), (retried.State, retried.Done));
        Assert.Equal([(1, 1), (2, 1)], await factory.StepsAsync(retried.Id));
        var unchanged = await factory.Engine.GetAsync(original.Id);
        Assert.Equal((RunState.Failed, 2L), (unchanged!.State, unchanged.Done));
        Assert.Null(unchanged.RetryOf);
    }

    [Fact]
    public async Task Retrying_needs_the_role_that_may_start_the_kind()
    {
        var owner = await factory.NewOwnerAsync();
        var original = (await factory.StartAsync(new CountingParameters { Steps = 1 }, owner)).Run;
        await factory.WaitForEndAsync(original.Id);

        var retry = await factory.Engine.RetryAsync(original.Id, RunsFactory.Operator, owner, role => role != AppRoles.Member);

        Assert.Equal((RunActionOutcome.Forbidden, AppRoles.Member), (retry.Outcome, retry.RequiredRole));
    }

    [Fact]
    public async Task Transitions_the_state_machine_does_not_have_are_conflicts_that_change_nothing()
    {
        var owner = await factory.NewOwnerAsync();
        var succeeded = (await factory.StartAsync(new CountingParameters { Steps = 1 }, owner)).Run.Id;
        await factory.WaitForEndAsync(succeeded);
        var queued = (await factory.StartAsync(new CountingParameters { Steps = 1 }, owner, schedule: false)).Run.Id;
        // Held as an executing session would hold it, so the recovery sweep leaves it queued.
        await using var queuedHeld = await factory.HoldRunLockAsync(queued);
        var running = (await factory.StartAsync(new CountingParameters { Steps = 3, Gated = true }, owner)).Run.Id;
        await factory.WaitForAsync(running, r => r.State == RunState.Running, "running");
        var cancelled = (await factory.StartAsync(new CountingParameters { Steps = 1 }, owner, schedule: false)).Run.Id;
        await factory.Engine.CancelAsync(cancelled, RunsFactory.Operator);
        var before = await VersionsAsync(succeeded, queued, running, cancelled);

        var answers = new Dictionary<string, RunActionResult>
        {
            ["cancel succeeded"] = await factory.Engine.CancelAsync(succeeded, RunsFactory.Operator),
            ["cancel cancelled"] = await factory.Engine.CancelAsync(cancelled, RunsFactory.Operator),
            ["resume succeeded"] = await factory.Engine.ResumeAsync(succeeded, RunsFactory.Operator),
            ["resume queued"] = await factory.Engine.ResumeAsync(queued, RunsFactory.Operator),
            ["resume running"] = await factory.Engine.ResumeAsync(running, RunsFactory.Operator),
            ["retry queued"] = await factory.Engine.RetryAsync(queued, RunsFactory.Operator, owner, _ => true),
            ["retry running"] = await factory.Engine.RetryAsync(running, RunsFactory.Operator, owner, _ => true),
        };
        var after = await VersionsAsync(succeeded, queued, running, cancelled);

        Assert.All(answers, answer =>
        {
            Assert.True(answer.Value.Outcome == RunActionOutcome.Conflict, $"{answer.Key}: {answer.Value.Outcome}");
            Assert.False(string.IsNullOrWhiteSpace(answer.Value.Reason), $"{answer.Key} gives no reason");
        });
        Assert.Equal(before, after);
        Assert.Equal(0L, await factory.CountAsync("SELECT count(*) FROM runs WHERE owner_id = $1 AND retry_of IS NOT NULL", owner.Id!));
        Assert.Equal(RunActionOutcome.NotFound, (await factory.Engine.CancelAsync(Guid.NewGuid(), RunsFactory.Operator)).Outcome);
        Assert.Equal(RunActionOutcome.NotFound, (await factory.Engine.CancelAsync(running, new RunViewer("someone-else", SeesAll: false))).Outcome);
        await factory.Engine.CancelAsync(running, RunsFactory.Operator);
        await factory.Engine.CancelAsync(queued, RunsFactory.Operator);
    }

    [Fact]
    public async Task Of_a_hundred_concurrent_starts_with_one_active_key_exactly_one_inserts_and_every_start_answers_that_run()
    {
        var key = $"key-{Guid.NewGuid():N}";
        var owner = await factory.NewOwnerAsync();
        var parameters = new CountingParameters { Steps = 3, Key = key, Gated = true };

        var starts = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => Task.Run(() => factory.StartAsync(parameters, owner))));

        var winner = Assert.Single(starts, s => s.Started);
        Assert.All(starts, s => Assert.Equal(winner.Run.Id, s.Run.Id));
        Assert.Equal(1L, await factory.CountAsync("SELECT count(*) FROM runs WHERE active_key = $1", key));
        Assert.Equal(winner.Run.Id, (await factory.Engine.ActiveAsync(CountingKind.KindName, key))!.Id);

        // Once it has ended, the key is free again.
        factory.Probe.Open(winner.Run.Id);
        await factory.WaitForEndAsync(winner.Run.Id);
        var next = await factory.StartAsync(parameters with { Gated = false }, owner);
        Assert.True(next.Started);
        Assert.NotEqual(winner.Run.Id, next.Run.Id);
        await factory.WaitForEndAsync(next.Run.Id);
    }

    [Fact]
    public async Task A_runs_log_keeps_log_lines_per_run_lines_and_the_last_says_the_rest_was_dropped()
    {
        var limit = new RunsOptions().LogLinesPerRun;
        var id = (await factory.StartAsync(new CountingParameters { Steps = 2, LogLines = limit })).Run.Id;

        await factory.WaitForEndAsync(id);
        var log = await factory.LogAsync(id);

        Assert.Equal(limit, log.Count);
        Assert.Equal((RunLogLevel.Warning, RunLog.TruncatedLine), (log[^1].Level, log[^1].Text));
        Assert.Single(log, l => l.Text == RunLog.TruncatedLine);
        Assert.StartsWith("Queued by", log[0].Text, StringComparison.Ordinal);
    }

    private async Task<List<long>> VersionsAsync(params Guid[] ids)
    {
        var versions = new List<long>();
        foreach (var id in ids)
        {
            versions.Add((await factory.Engine.GetAsync(id))!.Version);
        }

        return versions;
    }
}

using TodoDashboard.Infrastructure.Runs;

namespace TodoDashboard.Tests.Infrastructure.Runs;

/// <summary>Four worker threads, and no user may hold more than half of them.</summary>
public class FairnessFactory : RunsFactory
{
    public const int Workers = 4;

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>(base.Settings)
    {
        ["Quartz:MaxConcurrency"] = Workers.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Runs:MaxShareOfWorkersPerUser"] = "0.5",
    };
}

public class RunFairnessTests(FairnessFactory factory) : IClassFixture<FairnessFactory>
{
    [Fact]
    public async Task A_user_whose_long_runs_fill_their_share_of_the_workers_leaves_room_for_another_users_one_step_run()
    {
        var share = factory.Executor.PerUserLimit;
        Assert.Equal(FairnessFactory.Workers / 2, share);
        var x = await factory.NewOwnerAsync();
        var y = await factory.NewOwnerAsync();
        var runsOfX = new List<Guid>();
        for (var i = 0; i < FairnessFactory.Workers + 1; i++)
        {
            runsOfX.Add((await factory.StartAsync(new CountingParameters { Steps = 3, Gated = true }, x)).Run.Id);
        }

        await RunsFactory.WaitUntilAsync(async () => (await StatesAsync(runsOfX)).Count(s => s == RunState.Running) == share, $"{share} of X's runs running");
        var small = (await factory.StartAsync(new CountingParameters { Steps = 1 }, y)).Run.Id;
        var smallEnded = await factory.WaitForEndAsync(small);
        var statesOfX = await StatesAsync(runsOfX);

        Assert.Equal(RunState.Succeeded, smallEnded.State);
        Assert.Equal(share, statesOfX.Count(s => s == RunState.Running));
        Assert.Equal(runsOfX.Count - share, statesOfX.Count(s => s == RunState.Queued));

        // Once X's runs may go on, the held-back ones run too, as X's share frees up.
        runsOfX.ForEach(factory.Probe.Open);
        foreach (var id in runsOfX)
        {
            var ended = await factory.WaitForEndAsync(id);
            Assert.Equal((RunState.Succeeded, 3L), (ended.State, ended.Done));
        }
    }

    private async Task<List<RunState>> StatesAsync(IEnumerable<Guid> ids)
    {
        var states = new List<RunState>();
        foreach (var id in ids)
        {
            states.Add((await factory.Engine.GetAsync(id))!.State);
        }

        return states;
    }
}

using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using Npgsql;
using TodoDashboard.Infrastructure.Runs;
using TodoDashboard.Infrastructure.Validation;

namespace TodoDashboard.Tests.Infrastructure.Runs;

/// <summary>What a counting run does: its steps, its single-active key, and the misfortunes the test arranges.</summary>
public sealed record CountingParameters
{
    [Range(1, 100_000)]
    public int Steps { get; init; } = 5;

    /// <summary>The single-active key; null for none.</summary>
    public string? Key { get; init; }

    /// <summary>Each step waits until the test lets it through (<see cref="CountingProbe.Release"/>, <see cref="CountingProbe.Open"/>).</summary>
    public bool Gated { get; init; }

    /// <summary>On the first attempt, this step is not done and the kind answers Failed.</summary>
    public int FailAtStep { get; init; }

    /// <summary>On the first attempt, this step writes its row, then its node "crashes" before the commit.</summary>
    public int CrashAtStep { get; init; }

    /// <summary>Log lines each step writes, all at once.</summary>
    public int LogLines { get; init; }
}

/// <summary>
/// The engine's test kind: step N inserts the row (run, N, attempt) into counting_steps in its commit, so a step
/// committed twice or lost shows as a row twice or missing.
/// </summary>
public sealed class CountingKind(CountingProbe probe) : RunKind<CountingParameters>
{
    public const string KindName = "counting";

    public const string StepsTableSql = """
        CREATE TABLE IF NOT EXISTS counting_steps (run_id uuid NOT NULL, step int NOT NULL, attempt int NOT NULL, node text NOT NULL)
        """;

    public override string Name => KindName;

    public override string Title => "Counting run";

    public static string FailureFor(int step) => $"Step {step} was refused.";

    public override Task<Validated<RunPlan<CountingParameters>>> PlanAsync(CountingParameters parameters, RunPlanContext context, CancellationToken ct) =>
        Task.FromResult(Validated.Valid(new RunPlan<CountingParameters>(parameters, parameters.Steps, parameters.Key)));

    protected override async Task<RunOutcome> ExecuteAsync(RunContext<CountingParameters> run, CancellationToken ct)
    {
        var parameters = run.Parameters;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct, run.Cancelled);
        for (var step = (int)run.Done + 1; step <= parameters.Steps; step++)
        {
            if (parameters.Gated)
            {
                await probe.WaitAsync(run.Id, run.Attempt, stop.Token);
            }

            if (step == parameters.FailAtStep && run.Attempt == 1)
            {
                return RunOutcome.Failed(FailureFor(step));
            }

            var number = step;
            await Task.WhenAll(Enumerable.Range(1, parameters.LogLines).Select(line => run.LogAsync(RunLogLevel.Info, $"Step {number}, line {line}.", ct)));
            try
            {
                await run.CommitAsync(async (connection, transaction, token) =>
                {
                    await using var insert = new NpgsqlCommand(
                        "INSERT INTO counting_steps (run_id, step, attempt, node) VALUES ($1, $2, $3, $4)", connection, transaction)
                    {
                        Parameters = { new() { Value = run.Id }, new() { Value = number }, new() { Value = run.Attempt }, new() { Value = run.Node } },
                    };
                    await insert.ExecuteNonQueryAsync(token);
                    if (number == parameters.CrashAtStep && run.Attempt == 1)
                    {
                        probe.Crash(run.Id);
                        throw new IOException("The node went away after the step's writes, before its commit.");
                    }

                    return 1;
                }, ct: ct);
            }
            catch (RunSupersededException ex)
            {
                probe.Refused(run.Id, run.Attempt, ex);
                throw;
            }

            if (run.Cancelled.IsCancellationRequested)
            {
                return RunOutcome.Cancelled;
            }
        }

        return RunOutcome.Succeeded;
    }
}

/// <summary>The test's hold on counting runs: gates their steps, crashes their nodes, and sees their refused commits.</summary>
public sealed class CountingProbe
{
    private readonly ConcurrentDictionary<(Guid RunId, int Attempt), SemaphoreSlim> _gates = new();

    private readonly ConcurrentDictionary<Guid, bool> _open = new();

    private readonly ConcurrentDictionary<Guid, Action> _crashes = new();

    public ConcurrentQueue<(Guid RunId, int Attempt, Exception Error)> RefusedCommits { get; } = new();

    /// <summary>Lets <paramref name="steps"/> more steps of one attempt through.</summary>
    public void Release(Guid runId, int attempt, int steps = 1) => Gate(runId, attempt).Release(steps);

    /// <summary>Lets every step of every attempt of the run through from now on.</summary>
    public void Open(Guid runId)
    {
        _open[runId] = true;
        foreach (var key in _gates.Keys.Where(k => k.RunId == runId))
        {
            _gates[key].Release(1_000_000);
        }
    }

    /// <summary>What the run's node does when it "crashes" (cancels the executor's shutdown token, say).</summary>
    public void OnCrash(Guid runId, Action crash) => _crashes[runId] = crash;

    internal async Task WaitAsync(Guid runId, int attempt, CancellationToken ct)
    {
        // The gate first, then the flag: an Open in between either sees this gate or is seen here.
        var gate = Gate(runId, attempt);
        if (!_open.ContainsKey(runId))
        {
            await gate.WaitAsync(ct);
        }
    }

    internal void Crash(Guid runId)
    {
        if (_crashes.TryGetValue(runId, out var crash))
        {
            crash();
        }
    }

    internal void Refused(Guid runId, int attempt, Exception error) => RefusedCommits.Enqueue((runId, attempt, error));

    private SemaphoreSlim Gate(Guid runId, int attempt) => _gates.GetOrAdd((runId, attempt), _ => new SemaphoreSlim(0));
}

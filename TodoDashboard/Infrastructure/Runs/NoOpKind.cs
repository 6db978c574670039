using TodoDashboard.Infrastructure.Auth;
using TodoDashboard.Infrastructure.Validation;

namespace TodoDashboard.Infrastructure.Runs;

/// <summary>
/// The engine with no work of its own, for its benchmark and for tests that need a kind every process knows: each
/// step commits nothing but its progress. Registered only when <see cref="RunsOptions.EnableNoOpKind"/> is on.
/// </summary>
public sealed class NoOpKind(TimeProvider clock) : RunKind<NoOpParameters>
{
    public const string KindName = "noop";

    public override string Name => KindName;

    public override string Title => "No-op run";

    public override string StartRole => AppRoles.Operator;

    public override Task<Validated<RunPlan<NoOpParameters>>> PlanAsync(NoOpParameters parameters, RunPlanContext context, CancellationToken ct) =>
        Task.FromResult(Validated.Valid(new RunPlan<NoOpParameters>(parameters, parameters.Steps, ActiveKey: null)));

    protected override async Task<RunOutcome> ExecuteAsync(RunContext<NoOpParameters> run, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct, run.Cancelled);
        var delay = TimeSpan.FromMilliseconds(run.Parameters.StepDelayMs);
        for (var step = run.Done; step < run.Parameters.Steps; step++)
        {
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, clock, stop.Token);
            }

            if (step + 1 == run.Parameters.FailAtStep)
            {
                return RunOutcome.Failed($"Stopped at step {step + 1:N0}, as its parameters asked.");
            }

            await run.CommitAsync(static (_, _, _) => Task.FromResult(1L), ct: ct);
            if (run.Cancelled.IsCancellationRequested)
            {
                return RunOutcome.Cancelled;
            }
        }

        return RunOutcome.Succeeded;
    }
}

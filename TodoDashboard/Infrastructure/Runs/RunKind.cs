using Npgsql;
using TodoDashboard.Infrastructure.Auth;
using TodoDashboard.Infrastructure.Validation;

namespace TodoDashboard.Infrastructure.Runs;

/// <summary>A kind with typed parameters: the recipe of what it checks, what one step commits and what it reports.</summary>
public abstract class RunKind<TParameters> : IRunKind
    where TParameters : class
{
    public abstract string Name { get; }

    public abstract string Title { get; }

    public virtual bool VisibleToEveryone => false;

    public virtual bool CanResume => true;

    public virtual string StartRole => AppRoles.Member;

    /// <summary>
    /// Checks the parameters (against the data too, on the context's connection) and says how much work they make and
    /// which single-active key the run takes; nothing is written when it answers errors.
    /// </summary>
    public abstract Task<Validated<RunPlan<TParameters>>> PlanAsync(TParameters parameters, RunPlanContext context, CancellationToken ct);

    /// <summary>Does (or resumes, from <see cref="RunContext.Done"/>) the work, committing each step with <see cref="RunContext.CommitAsync(Func{NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task{long}}, RunStep?, CancellationToken)"/>.</summary>
    protected abstract Task<RunOutcome> ExecuteAsync(RunContext<TParameters> run, CancellationToken ct);

    public async Task<Validated<RunPlan>> PlanStoredAsync(string parameters, RunPlanContext context, CancellationToken ct) =>
        ToUntyped(await PlanAsync(RunJson.Deserialize<TParameters>(parameters), context, ct));

    internal static Validated<RunPlan> ToUntyped(Validated<RunPlan<TParameters>> plan) =>
        plan.Value is { } typed
            ? Validated.Valid(new RunPlan(RunJson.Serialize(typed.Parameters), typed.Total, typed.ActiveKey, typed.Message))
            : Validated.Invalid<RunPlan>(plan.Errors);

    Task<RunOutcome> IRunKind.ExecuteAsync(RunContext run, CancellationToken ct) =>
        ExecuteAsync(new RunContext<TParameters>(run), ct);
}

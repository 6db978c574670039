using TodoDashboard.Infrastructure.Validation;

namespace TodoDashboard.Infrastructure.Runs;

/// <summary>
/// One kind of background work, as the engine drives it. Implement <see cref="RunKind{TParameters}"/>: a kind supplies
/// its parameters' check, its single-active rule and its work; the engine owns state, scheduling, recovery, cancel,
/// retry and resume, the log, fairness and retention.
/// </summary>
public interface IRunKind
{
    /// <summary>The kind's name in URLs, filters and the <c>runs.Kind</c> column ("jobs").</summary>
    string Name { get; }

    /// <summary>What a person calls one run ("Job").</summary>
    string Title { get; }

    /// <summary>
    /// Runs that change what the whole team sees (prices, customers) are visible to every member; others only to their
    /// owner and to Operators.
    /// </summary>
    bool VisibleToEveryone { get; }

    /// <summary>Whether a failed or cancelled run may continue from its last committed step.</summary>
    bool CanResume { get; }

    /// <summary>The role that may start a run of this kind, and so also retry one.</summary>
    string StartRole { get; }

    /// <summary>Checks stored parameters again for a retry (the data may have changed since).</summary>
    Task<Validated<RunPlan>> PlanStoredAsync(string parameters, RunPlanContext context, CancellationToken ct);

    Task<RunOutcome> ExecuteAsync(RunContext run, CancellationToken ct);
}

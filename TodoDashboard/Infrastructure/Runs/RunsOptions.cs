namespace TodoDashboard.Infrastructure.Runs;

/// <summary>Settings of the run engine (section "Runs").</summary>
public sealed class RunsOptions
{
    /// <summary>
    /// The share of this node's worker threads (Quartz:MaxConcurrency) that one user's running runs may hold across the
    /// cluster; their other runs wait queued, so another user's small job starts at once. 1 turns fairness off.
    /// </summary>
    public double MaxShareOfWorkersPerUser { get; set; } = 0.5;

    /// <summary>How long a run held back by the fairness rule waits before it asks again.</summary>
    public TimeSpan FairnessRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Lines kept in each run's log; later lines are dropped and the last line says so.</summary>
    public int LogLinesPerRun { get; set; } = 200;

    /// <summary>How often the recovery sweep looks for active runs that nobody executes.</summary>
    public TimeSpan RecoveryInterval { get; set; } = TimeSpan.FromSeconds(10);

    public RunRetentionOptions Retention { get; set; } = new();

    /// <summary>
    /// Registers the no-op kind (<see cref="NoOpKind"/>) and maps <c>POST /api/runs/noop</c>: for tests and bench/runs.sh,
    /// off in production.
    /// </summary>
    public bool EnableNoOpKind { get; set; }
}

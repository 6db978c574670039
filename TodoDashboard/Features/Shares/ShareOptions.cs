namespace TodoDashboard.Features.Shares;

/// <summary>Settings of the shares panel (section "Shares").</summary>
public sealed class ShareOptions
{
    /// <summary>Shares per commit: progress advances, and is visible, one batch at a time.</summary>
    public int BatchSize { get; set; } = 1000;

    /// <summary>
    /// Shares per commit of the bulk strategy, whose statements are set-based and so cheap per row: 10,000 shares
    /// commit in two steps, each still short enough to show progress.
    /// </summary>
    public int BulkBatchSize { get; set; } = 5000;

    /// <summary>
    /// Connections the bulk strategy's batches commit on at once: PostgreSQL runs one UPDATE on one core, so on two
    /// cores two disjoint batches finish in about the time of one.
    /// </summary>
    public int BulkWorkers { get; set; } = 2;

    /// <summary>Workers of the parallel strategy, each with its own connection.</summary>
    public int ParallelWorkers { get; set; } = 4;
}

namespace TodoDashboard.Features.Shares;

/// <summary>Settings of the shares panel (section "Shares").</summary>
public sealed class ShareOptions
{
    /// <summary>Shares per commit: progress advances, and is visible, one batch at a time.</summary>
    public int BatchSize { get; set; } = 1000;

    /// <summary>Shares per commit of the bulk strategy, whose statements are set-based and so cheap per row.</summary>
    public int BulkBatchSize { get; set; } = 2500;

    /// <summary>Workers of the parallel strategy, each with its own connection.</summary>
    public int ParallelWorkers { get; set; } = 4;
}

namespace TodoDashboard.Features.Customers.Generation;

/// <summary>Settings of the customer generator (section "Customers").</summary>
public sealed class CustomerGenerationOptions
{
    /// <summary>When above 0 and the customers table is empty at start-up, a run of this many customers starts.</summary>
    public int SeedWhenEmpty { get; set; }

    /// <summary>Rows per transaction: progress, and what a crash can lose, is one batch.</summary>
    public int GenerationBatchSize { get; set; } = 50_000;

    /// <summary>A run adding more rows than this (or more than the table holds) drops the secondary indexes and rebuilds them after.</summary>
    public int BulkLoadThreshold { get; set; } = 200_000;

    /// <summary>maintenance_work_mem for each index build.</summary>
    public string IndexBuildMemory { get; set; } = "512MB";
}

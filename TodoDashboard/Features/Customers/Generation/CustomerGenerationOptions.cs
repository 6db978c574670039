namespace TodoDashboard.Features.Customers.Generation;

/// <summary>Settings of the customer generator (section "Customers").</summary>
public sealed class CustomerGenerationOptions
{
    /// <summary>When above 0 and the customers table is empty at start-up, a run of this many customers starts.</summary>
    public int SeedWhenEmpty { get; set; }

    /// <summary>Rows per transaction at most: progress, and what a crash can lose, is one batch.</summary>
    public int GenerationBatchSize { get; set; } = 50_000;

    /// <summary>
    /// Commits a run makes at least, so a small run's progress moves too: its batches shrink to a run's count divided by
    /// this (never below <see cref="MinimumBatchRows"/>). 1 keeps every batch at <see cref="GenerationBatchSize"/>.
    /// </summary>
    public int GenerationProgressSteps { get; set; } = 20;

    /// <summary>The smallest batch a run's <see cref="GenerationProgressSteps"/> shrink it to: smaller ones cost more in commits than they tell.</summary>
    public int MinimumBatchRows { get; set; } = 500;

    /// <summary>The rows per batch of a run of <paramref name="count"/>: the same for every attempt at it, so a resumed run repeats no batch.</summary>
    public int BatchSizeFor(int count)
    {
        var largest = Math.Max(1, GenerationBatchSize);
        var forSteps = (count + Math.Max(1, GenerationProgressSteps) - 1) / Math.Max(1, GenerationProgressSteps);
        return Math.Clamp(forSteps, Math.Min(Math.Max(1, MinimumBatchRows), largest), largest);
    }

    /// <summary>A run adding more rows than this (or more than the table holds) drops the secondary indexes and rebuilds them after.</summary>
    public int BulkLoadThreshold { get; set; } = 200_000;

    /// <summary>
    /// Connections copying batches at once. PostgreSQL spends a core per COPY (most of it computing the search vector),
    /// so two load a two-core server's both cores; the commits still go one at a time, in batch order.
    /// </summary>
    public int LoadConnectionsAtOnce { get; set; } = 2;

    /// <summary>maintenance_work_mem for each index build.</summary>
    public string IndexBuildMemory { get; set; } = "512MB";

    /// <summary>
    /// Index builds running at once after a bulk load. Two keep both cores of a small server busy: a GIN build uses
    /// one core, and a B-tree build's parallel workers idle while its leader merges.
    /// </summary>
    public int IndexBuildsAtOnce { get; set; } = 2;
}

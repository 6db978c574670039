using System.ComponentModel.DataAnnotations;

namespace TodoDashboard.Features.Customers.Generation;

public sealed record GenerateCustomersRequest
{
    public const int MaxCount = 5_000_000;

    [Required]
    [Range(1, MaxCount)]
    public int? Count { get; set; }
}

/// <summary>A generation run as the API and the panel see it; <see cref="Percent"/> is of the rows loaded.</summary>
public sealed record CustomerGenerationRunResponse(
    Guid Id,
    string StartedBy,
    GenerationStatus Status,
    int Count,
    int Done,
    double Percent,
    int IndexesBuilt,
    int IndexTotal,
    string FirstCustomerId,
    string LastCustomerId,
    DateTime CreatedAt,
    DateTime? StartedAt,
    DateTime? FinishedAt,
    double? LoadMs,
    double? IndexMs,
    double? RowsPerSecond,
    string? Error)
{
    public bool IsActive => IsActiveStatus(Status);

    public static bool IsActiveStatus(GenerationStatus status) =>
        status is GenerationStatus.Queued or GenerationStatus.Loading or GenerationStatus.Indexing;

    public static string CustomerIdFor(long number) => $"C{number:D9}";

    public static CustomerGenerationRunResponse From(CustomerGenerationRun run) => new(
        run.Id, run.StartedBy, run.Status, run.Count, run.Done,
        run.Count == 0 ? 100 : Math.Round(100.0 * run.Done / run.Count, 1),
        run.IndexesBuilt, run.DroppedIndexes.Count, CustomerIdFor(run.FirstNumber), CustomerIdFor(run.FirstNumber + Math.Max(run.Count, 1) - 1),
        run.CreatedAt, run.StartedAt, run.FinishedAt, run.LoadMs, run.IndexMs,
        run.LoadMs is > 0 ? Math.Round(run.Done / (run.LoadMs.Value / 1000)) : null,
        run.Error);
}

/// <summary>The answer to a start request: the new run, or the run that is still active.</summary>
public sealed record StartGenerationResult(CustomerGenerationRunResponse Run, bool Started);

/// <summary>How long a run that drops and rebuilds the search indexes should take, for its starter to confirm.</summary>
/// <param name="RowsAfter">The table's rows once the run has loaded its own: the indexes are rebuilt over all of them.</param>
public sealed record GenerationEstimate(int Count, long RowsAfter, TimeSpan Load, TimeSpan IndexRebuild)
{
    // Measured on the 2-core reference machine (bench/README.md, "customers-generate.sh"): binary COPY into the
    // table ingests about 100-120k rows/s, and the 15 indexes of 3,000,000 rows were rebuilt in 61 s in the quiet
    // trial (about 21 s per million rows). Under other developers' load it measured 77k rows/s and 88 s: the
    // estimate is the quiet case.
    public const double LoadRowsPerSecond = 119_000;

    public const double IndexRebuildSecondsPerMillionRows = 21;

    public TimeSpan Total => Load + IndexRebuild;

    public static GenerationEstimate For(int count, long existingRows) => new(
        count,
        existingRows + count,
        TimeSpan.FromSeconds(count / LoadRowsPerSecond),
        TimeSpan.FromSeconds((existingRows + count) / 1_000_000.0 * IndexRebuildSecondsPerMillionRows));
}

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

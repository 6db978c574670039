namespace TodoDashboard.Features.Customers.Generation;

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

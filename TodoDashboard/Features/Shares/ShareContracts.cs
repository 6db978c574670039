using System.ComponentModel.DataAnnotations;

namespace TodoDashboard.Features.Shares;

public sealed record SeedSharesRequest
{
    [Range(1, 1_000_000)]
    public int Count { get; set; } = 10_000;
}

public sealed record SeedSharesResponse(int Created, int Total, double ElapsedMs);

public sealed record StartPriceUpdateRequest : IValidatableObject
{
    [Required]
    public PriceUpdateStrategy? Strategy { get; set; }

    public PriceChangeKind Change { get; set; } = PriceChangeKind.Add;

    [Range(-1000, 1000)]
    public decimal Amount { get; set; } = 1;

    public int Seed { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Change == PriceChangeKind.Percent && Amount <= -100)
        {
            yield return new ValidationResult("A percentage change must be above -100.", [nameof(Amount)]);
        }

        if (Change == PriceChangeKind.RandomWalk && Amount <= 0)
        {
            yield return new ValidationResult("A random walk needs a positive maximum step.", [nameof(Amount)]);
        }

        if (decimal.Round(Amount, 2) != Amount)
        {
            yield return new ValidationResult("The amount has at most two decimals.", [nameof(Amount)]);
        }
    }
}

public enum ShareSort
{
    Id,
    Name,
    Price,
    UpdatedAt,
}

public enum SortOrder
{
    Asc,
    Desc,
}

public sealed record ShareResponse(int Id, string Name, decimal Price, DateTime CreatedAt, DateTime UpdatedAt);

public sealed record SharePage(IReadOnlyList<ShareResponse> Items, int TotalCount, int Page, int PageSize);

public sealed record PriceChangeResponse(long Id, Guid RunId, int ShareId, string ShareName, decimal OldPrice, decimal NewPrice, DateTime ChangedAt);

public sealed record ShareDetails(ShareResponse Share, IReadOnlyList<PriceChangeResponse> LatestChanges);

public sealed record PriceUpdateRunResponse(
    Guid Id,
    string StartedBy,
    PriceUpdateStrategy Strategy,
    PriceChangeKind Change,
    decimal Amount,
    int Seed,
    PriceUpdateStatus Status,
    int Total,
    int Done,
    double Percent,
    DateTime CreatedAt,
    DateTime? StartedAt,
    DateTime? FinishedAt,
    double? ElapsedMs,
    double? RowsPerSecond,
    string? Error)
{
    public bool IsActive => Status is PriceUpdateStatus.Queued or PriceUpdateStatus.Processing;

    public static PriceUpdateRunResponse From(PriceUpdateRun run) => new(
        run.Id, run.StartedBy, run.Strategy, run.Change, run.Amount, run.Seed, run.Status, run.Total, run.Done,
        run.Total == 0 ? 100 : Math.Round(100.0 * run.Done / run.Total, 1),
        run.CreatedAt, run.StartedAt, run.FinishedAt, run.ElapsedMs,
        run.ElapsedMs is > 0 ? Math.Round(run.Done / (run.ElapsedMs.Value / 1000)) : null,
        run.Error);
}

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

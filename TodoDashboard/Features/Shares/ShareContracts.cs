using System.ComponentModel.DataAnnotations;
using TodoDashboard.Infrastructure.Runs;

namespace TodoDashboard.Features.Shares;

/// <summary>How many sample shares to have: "Share 1".."Share N".</summary>
public sealed record GenerateSharesRequest
{
    public const int MaxCount = 1_000_000;

    [Range(1, MaxCount)]
    public int Count { get; set; } = 10_000;
}

public sealed record GenerateSharesResponse(int Created, int Total, double ElapsedMs);

public sealed record StartPriceUpdateRequest : IValidatableObject
{
    /// <summary>The largest percentage change: doubling every price.</summary>
    public const decimal MaxPercent = 100;

    [Required]
    public PriceUpdateStrategy? Strategy { get; set; }

    public PriceChangeKind Change { get; set; } = PriceChangeKind.Add;

    /// <summary>
    /// Percent: above -100 and at most +100. Add: within what a price holds (±99,999,999.99). Random walk: the
    /// largest step, above 0 and within what a price holds. At most two decimals. Whether every share's new price
    /// stays above 0 and within numeric(10,2) is checked against the shares when the run starts.
    /// </summary>
    public decimal Amount { get; set; } = 1;

    public int Seed { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var error = Change switch
        {
            PriceChangeKind.Percent when Amount is <= -100 or > MaxPercent =>
                FormattableString.Invariant($"A percentage change must be above -100 and at most {MaxPercent:0}."),
            PriceChangeKind.RandomWalk when Amount is <= 0 or > Share.MaxPrice =>
                FormattableString.Invariant($"A random walk needs a maximum step above 0 and at most {Share.MaxPrice:N2}."),
            PriceChangeKind.Add when Math.Abs(Amount) > Share.MaxPrice =>
                FormattableString.Invariant($"An added amount must be between -{Share.MaxPrice:N2} and {Share.MaxPrice:N2}, what a price can hold."),
            _ when decimal.Round(Amount, Share.PriceScale) != Amount => "The amount has at most two decimals.",
            _ => null,
        };
        if (error is not null)
        {
            yield return new ValidationResult(error, [nameof(Amount)]);
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

    public static PriceUpdateRunResponse From(RunResponse run)
    {
        var request = run.ParametersAs<StartPriceUpdateRequest>();
        return new(
            run.Id, run.OwnerName, request.Strategy!.Value, request.Change, request.Amount, request.Seed, StatusOf(run.State),
            (int)run.Total, (int)run.Done, run.Total == 0 ? 100 : run.Percent, run.CreatedAt, run.StartedAt, run.FinishedAt,
            run.ElapsedMs > 0 ? run.ElapsedMs : null, run.ElapsedMs > 0 ? Math.Round(run.Done / (run.ElapsedMs / 1000)) : null, run.Error);
    }

    public static PriceUpdateStatus StatusOf(RunState state) => state switch
    {
        RunState.Queued => PriceUpdateStatus.Queued,
        RunState.Running => PriceUpdateStatus.Processing,
        RunState.Succeeded => PriceUpdateStatus.Succeeded,
        RunState.Failed => PriceUpdateStatus.Failed,
        _ => PriceUpdateStatus.Cancelled,
    };
}

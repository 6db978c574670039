namespace TodoDashboard.Features.Shares;

public class Share
{
    public const int NameMaxLength = 100;

    /// <summary>Prices, amounts and history are numeric(10,2): at most eight digits before the point, two after.</summary>
    public const int PricePrecision = 10;

    public const int PriceScale = 2;

    /// <summary>The largest price numeric(10,2) holds.</summary>
    public const decimal MaxPrice = 99_999_999.99m;

    public int Id { get; set; }

    public required string Name { get; set; }

    public decimal Price { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}

public enum PriceUpdateStrategy
{
    Sequential,
    Parallel,
    Bulk,
}

public enum PriceChangeKind
{
    /// <summary>Adds <c>amount</c> to every price (the seed: +1).</summary>
    Add,

    /// <summary>Changes every price by <c>amount</c> percent.</summary>
    Percent,

    /// <summary>Moves every price by a step in [-amount, +amount] drawn from <c>seed</c> and the share's id, so a run can be reproduced.</summary>
    RandomWalk,
}

public enum PriceUpdateStatus
{
    Queued,
    Processing,
    Succeeded,
    Failed,
    Cancelled,
}

/// <summary>The history: one row per changed price, written in the same transaction as the change.</summary>
public class PriceChange
{
    public long Id { get; set; }

    public Guid RunId { get; set; }

    public int ShareId { get; set; }

    public decimal OldPrice { get; set; }

    public decimal NewPrice { get; set; }

    public DateTime ChangedAt { get; set; }
}

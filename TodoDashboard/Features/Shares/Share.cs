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
}

/// <summary>One run of the price update over every share, executed in the background and committed in batches.</summary>
public class PriceUpdateRun
{
    public Guid Id { get; set; }

    public required string StartedBy { get; set; }

    public PriceUpdateStrategy Strategy { get; set; }

    public PriceChangeKind Change { get; set; }

    public decimal Amount { get; set; }

    public int Seed { get; set; }

    public PriceUpdateStatus Status { get; set; }

    public int Total { get; set; }

    public int Done { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? StartedAt { get; set; }

    public DateTime? FinishedAt { get; set; }

    /// <summary>Time spent updating, measured by the worker (excludes queueing).</summary>
    public double? ElapsedMs { get; set; }

    public string? Error { get; set; }
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

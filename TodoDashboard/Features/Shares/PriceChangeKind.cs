namespace TodoDashboard.Features.Shares;

public enum PriceChangeKind
{
    /// <summary>Adds <c>amount</c> to every price (the original demo's change: +1).</summary>
    Add,

    /// <summary>Changes every price by <c>amount</c> percent.</summary>
    Percent,

    /// <summary>Moves every price by a step in [-amount, +amount] drawn from <c>seed</c> and the share's id, so a run can be reproduced.</summary>
    RandomWalk,
}

namespace TodoDashboard.Features.Shares;

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

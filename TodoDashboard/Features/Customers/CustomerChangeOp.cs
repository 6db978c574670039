namespace TodoDashboard.Features.Customers;

/// <summary>What a <see cref="CustomerChange"/> did; each drops different cached pages (see <see cref="CustomerCache.TagsFor(CustomerChange?)"/>).</summary>
public enum CustomerChangeOp
{
    Insert,
    Update,
    Delete,

    /// <summary>Many rows at once (a generation batch): every cached page is dropped.</summary>
    Bulk,
}

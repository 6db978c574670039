namespace TodoDashboard.Features.MultiDatabase;

/// <summary>A row of the products database.</summary>
public class MdbProduct : IMultiDbRow
{
    public int Id { get; set; }

    public required string Name { get; set; }

    public decimal Price { get; set; }

    public Guid RunId { get; set; }

    public int? RowNumber { get; set; }

    public DateTime CreatedAt { get; set; }
}

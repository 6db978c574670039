namespace TodoDashboard.Features.MultiDatabase;

/// <summary>A row of the orders database. Its user and product live in the other two databases: the app checks them.</summary>
public class MdbOrder : IMultiDbRow
{
    public int Id { get; set; }

    public int UserId { get; set; }

    public int ProductId { get; set; }

    public int Quantity { get; set; }

    public Guid RunId { get; set; }

    public int? RowNumber { get; set; }

    public DateTime CreatedAt { get; set; }
}

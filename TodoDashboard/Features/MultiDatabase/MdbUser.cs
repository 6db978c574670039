namespace TodoDashboard.Features.MultiDatabase;

/// <summary>A row of the users database.</summary>
public class MdbUser : IMultiDbRow
{
    public int Id { get; set; }

    public required string Name { get; set; }

    public required string Email { get; set; }

    public Guid RunId { get; set; }

    public int? RowNumber { get; set; }

    public DateTime CreatedAt { get; set; }
}

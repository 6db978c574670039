namespace TodoDashboard.Features.Jobs;

/// <summary>One processed item; written in the same transaction that advances its job's run.</summary>
public class JobItem
{
    public long Id { get; set; }

    public Guid JobId { get; set; }

    public int Number { get; set; }

    public required string Name { get; set; }

    public required string Description { get; set; }

    public DateTime CreatedAt { get; set; }
}

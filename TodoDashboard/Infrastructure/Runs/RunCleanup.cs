namespace TodoDashboard.Infrastructure.Runs;

/// <summary>One pass of the retention clean-up: when, on which node, and how many runs it removed.</summary>
public class RunCleanup
{
    public long Id { get; set; }

    public DateTime At { get; set; }

    public required string Node { get; set; }

    public int Deleted { get; set; }
}

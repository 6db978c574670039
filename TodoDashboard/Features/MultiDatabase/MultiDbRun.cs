namespace TodoDashboard.Features.MultiDatabase;

/// <summary>A stored run (in the app's own database): who ran what, when, and the full result.</summary>
public class MultiDbRun
{
    public Guid Id { get; set; }

    public required string StartedBy { get; set; }

    public MultiDbRunKind Kind { get; set; }

    public DateTime CreatedAt { get; set; }

    public double ElapsedMs { get; set; }

    public required string Result { get; set; }
}

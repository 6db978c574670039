namespace TodoDashboard.Infrastructure.Runs;

/// <summary>One attempt at a run: which node executed it, from when to when, and how it ended.</summary>
public class RunAttempt
{
    public long Id { get; set; }

    public Guid RunId { get; set; }

    public int Number { get; set; }

    /// <summary>The Quartz instance id of the node (or "cli@host" for the command line).</summary>
    public required string Node { get; set; }

    public DateTime StartedAt { get; set; }

    public DateTime? FinishedAt { get; set; }

    public long DoneAtStart { get; set; }

    public long? DoneAtEnd { get; set; }

    /// <summary>Null while it runs.</summary>
    public RunAttemptOutcome? Outcome { get; set; }
}

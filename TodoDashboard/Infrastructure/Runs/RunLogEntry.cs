namespace TodoDashboard.Infrastructure.Runs;

/// <summary>A timestamped line of a run's log, bounded per run (<see cref="RunsOptions.LogLinesPerRun"/>).</summary>
public class RunLogEntry
{
    public long Id { get; set; }

    public Guid RunId { get; set; }

    public DateTime At { get; set; }

    public RunLogLevel Level { get; set; }

    public required string Message { get; set; }
}

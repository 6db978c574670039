namespace TodoDashboard.Infrastructure.Runs;

/// <summary>A run's state at one version, recorded by the trigger that raises it, so an event stream can resume from any id.</summary>
public class RunEvent
{
    public Guid RunId { get; set; }

    public long Version { get; set; }

    public DateTime At { get; set; }

    public required string Payload { get; set; }
}

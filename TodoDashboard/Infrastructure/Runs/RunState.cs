namespace TodoDashboard.Infrastructure.Runs;

/// <summary>Where a run is in its life: Queued, then Running, then one of the three ends.</summary>
public enum RunState
{
    Queued,
    Running,
    Succeeded,
    Failed,
    Cancelled,
}

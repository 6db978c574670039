namespace TodoDashboard.Infrastructure.Runs;

public enum RunExecution
{
    /// <summary>The attempt ended (the run may still be active, if it is to be tried again).</summary>
    Executed,

    /// <summary>The run is not active (cancelled while queued, or ended by another attempt).</summary>
    NotActive,

    /// <summary>Another session executes the run now.</summary>
    Busy,

    /// <summary>Its owner holds their share of the workers: ask again shortly.</summary>
    HeldBack,
}

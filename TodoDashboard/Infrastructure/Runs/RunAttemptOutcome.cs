namespace TodoDashboard.Infrastructure.Runs;

/// <summary>How one attempt ended: with the run (its three ends), or leaving the run to another attempt.</summary>
public enum RunAttemptOutcome
{
    Succeeded,
    Failed,
    Cancelled,

    /// <summary>Shut down, crashed, or told to try again: another attempt follows.</summary>
    Interrupted,

    /// <summary>The run ended, or a newer attempt took it, while this one ran.</summary>
    Superseded,
}

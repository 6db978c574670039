namespace TodoDashboard.Infrastructure.Runs;

/// <summary>How an attempt at a run ended, as its kind tells the engine.</summary>
public sealed record RunOutcome
{
    private RunOutcome(RunState? state, string? error)
    {
        State = state;
        Error = error;
    }

    /// <summary>The state the run ends in; null when it stays Running for the recovery sweep to try again.</summary>
    public RunState? State { get; }

    /// <summary>Why, in a user's words (kept as the run's error).</summary>
    public string? Error { get; }

    public static RunOutcome Succeeded { get; } = new(RunState.Succeeded, null);

    public static RunOutcome Cancelled { get; } = new(RunState.Cancelled, null);

    public static RunOutcome Failed(string reason) => new(RunState.Failed, reason);

    /// <summary>The run cannot go on now but must not end (its data would be left half-built): it stays active and is tried again.</summary>
    public static RunOutcome TryAgainLater(string reason) => new(null, reason);
}

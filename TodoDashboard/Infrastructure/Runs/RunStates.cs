namespace TodoDashboard.Infrastructure.Runs;

public static class RunStates
{
    /// <summary>The active states, as SQL, for partial indexes and predicates built from code.</summary>
    public const string ActiveSql = $"('{nameof(RunState.Queued)}', '{nameof(RunState.Running)}')";

    public static bool IsActive(this RunState state) => state is RunState.Queued or RunState.Running;

    /// <summary>A failed or cancelled run may be resumed or retried; a succeeded one only retried (run again).</summary>
    public static bool HasEnded(this RunState state) => !state.IsActive();
}

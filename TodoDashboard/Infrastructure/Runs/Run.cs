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

public static class RunStates
{
    /// <summary>The active states, as SQL, for partial indexes and predicates built from code.</summary>
    public const string ActiveSql = $"('{nameof(RunState.Queued)}', '{nameof(RunState.Running)}')";

    public static bool IsActive(this RunState state) => state is RunState.Queued or RunState.Running;

    /// <summary>A failed or cancelled run may be resumed or retried; a succeeded one only retried (run again).</summary>
    public static bool HasEnded(this RunState state) => !state.IsActive();
}

/// <summary>
/// One piece of background work of any kind: its parameters, progress, attempts and outcome. A kind's own data
/// (job items, price history, customers) refers to it by <see cref="Id"/>, which is also the id its panel shows.
/// </summary>
public class Run
{
    public Guid Id { get; set; }

    /// <summary>The kind's name (<see cref="IRunKind.Name"/>).</summary>
    public required string Kind { get; set; }

    /// <summary>The user who started it; null for work the system started (a seed at start-up).</summary>
    public string? OwnerId { get; set; }

    /// <summary>The starter's display name when it started.</summary>
    public required string OwnerName { get; set; }

    public RunState State { get; set; }

    /// <summary>
    /// The kind's single-active rule: of the active runs of one kind, at most one holds each key (a user's id for jobs,
    /// one fixed key for the cluster-wide customer generator); null for kinds that allow any number.
    /// </summary>
    public string? ActiveKey { get; set; }

    public long Done { get; set; }

    public long Total { get; set; }

    /// <summary>A short line on what the run is doing now ("Rebuilding indexes").</summary>
    public string? Message { get; set; }

    public bool CancelRequested { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? StartedAt { get; set; }

    public DateTime? FinishedAt { get; set; }

    /// <summary>Why it failed, in a user's words.</summary>
    public string? Error { get; set; }

    /// <summary>The kind's parameters as it was started with them (jsonb).</summary>
    public required string Parameters { get; set; }

    /// <summary>The kind's own figures and state, written by its steps together with the progress (jsonb).</summary>
    public required string Data { get; set; }

    /// <summary>The current attempt's number: a step commits only while its attempt is still this one.</summary>
    public int Attempt { get; set; }

    /// <summary>Time spent executing, summed over the attempts (queueing excluded).</summary>
    public double ElapsedMs { get; set; }

    /// <summary>For a retry: the run it runs again.</summary>
    public Guid? RetryOf { get; set; }

    /// <summary>Raised by a trigger on every change; an event's id in <c>/api/runs/{id}/events</c>.</summary>
    public long Version { get; set; }
}

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

    /// <summary>Succeeded, Failed, Cancelled, or Interrupted (shut down or crashed: another attempt follows); null while it runs.</summary>
    public string? Outcome { get; set; }
}

public enum RunLogLevel
{
    Info,
    Warning,
    Error,
}

/// <summary>A timestamped line of a run's log, bounded per run (<see cref="RunsOptions.LogLinesPerRun"/>).</summary>
public class RunLogEntry
{
    public long Id { get; set; }

    public Guid RunId { get; set; }

    public DateTime At { get; set; }

    public RunLogLevel Level { get; set; }

    public required string Message { get; set; }
}

/// <summary>A run's state at one version, recorded by the trigger that raises it, so an event stream can resume from any id.</summary>
public class RunEvent
{
    public Guid RunId { get; set; }

    public long Version { get; set; }

    public DateTime At { get; set; }

    public required string Payload { get; set; }
}

/// <summary>One pass of the retention clean-up: when, on which node, and how many runs it removed.</summary>
public class RunCleanup
{
    public long Id { get; set; }

    public DateTime At { get; set; }

    public required string Node { get; set; }

    public int Deleted { get; set; }
}

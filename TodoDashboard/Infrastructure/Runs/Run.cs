namespace TodoDashboard.Infrastructure.Runs;

/// <summary>
/// One piece of background work of any kind: its parameters, progress, attempts and outcome. A kind's own data
/// (job items, price history, customers) refers to it by <see cref="Id"/>, which is also the id its panel shows.
/// </summary>
public class Run
{
    public Guid Id { get; set; }

    /// <summary>The kind's name (<see cref="IRunKind.Name"/>).</summary>
    public required string Kind { get; set; }

    /// <summary>The user who started it; null for work the system started (customers generated for an empty table at start-up).</summary>
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

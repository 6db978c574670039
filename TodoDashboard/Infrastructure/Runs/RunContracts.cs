using System.Security.Claims;
using System.Text.Json;
using TodoDashboard.Infrastructure.Auth;

namespace TodoDashboard.Infrastructure.Runs;

/// <summary>A run as the API and the operations page show it, whatever its kind.</summary>
public sealed record RunResponse(
    Guid Id,
    string Kind,
    string? OwnerId,
    string OwnerName,
    RunState State,
    long Done,
    long Total,
    double Percent,
    string? Message,
    bool CancelRequested,
    DateTime CreatedAt,
    DateTime? StartedAt,
    DateTime? FinishedAt,
    string? Error,
    int Attempts,
    double ElapsedMs,
    double? ItemsPerSecond,
    Guid? RetryOf,
    long Version,
    JsonElement Parameters,
    JsonElement Data)
{
    public bool IsActive => State.IsActive();

    /// <summary>How long the rest should take at the rate so far; null until there is a rate.</summary>
    public TimeSpan? Remaining(DateTime now)
    {
        if (State != RunState.Running || StartedAt is null || Done <= 0 || Total <= Done)
        {
            return State == RunState.Running && Total > 0 && Done >= Total ? TimeSpan.Zero : null;
        }

        var spent = ElapsedMs > 0 ? TimeSpan.FromMilliseconds(ElapsedMs) : now - StartedAt.Value;
        return spent <= TimeSpan.Zero ? null : TimeSpan.FromTicks((long)(spent.Ticks * (double)(Total - Done) / Done));
    }

    public T ParametersAs<T>() => Parameters.Deserialize<T>(RunJson.Options)!;

    public T DataAs<T>() => Data.Deserialize<T>(RunJson.Options)!;

    public static RunResponse From(Run run) => new(
        run.Id, run.Kind, run.OwnerId, run.OwnerName, run.State, run.Done, run.Total,
        run.Total <= 0 ? (run.State == RunState.Succeeded ? 100 : 0) : Math.Round(100.0 * Math.Min(run.Done, run.Total) / run.Total, 1),
        run.Message, run.CancelRequested, run.CreatedAt, run.StartedAt, run.FinishedAt, run.Error, run.Attempt, run.ElapsedMs,
        run.ElapsedMs > 0 && run.Done > 0 ? Math.Round(run.Done / (run.ElapsedMs / 1000), 1) : null,
        run.RetryOf, run.Version, Parse(run.Parameters), Parse(run.Data));

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}

public sealed record RunAttemptResponse(int Number, string Node, DateTime StartedAt, DateTime? FinishedAt, long DoneAtStart, long? DoneAtEnd, string? Outcome);

/// <summary>A line of a run's log: written by the engine and the kinds in a user's words, never an exception's text.</summary>
public sealed record RunLogLine(long Id, DateTime At, RunLogLevel Level, string Text);

/// <summary>A run with its log and attempts, and what the asking user may do with it.</summary>
public sealed record RunDetails(RunResponse Run, IReadOnlyList<RunAttemptResponse> Attempts, IReadOnlyList<RunLogLine> Log, RunActions Actions);

/// <summary>What the asking user may do with a run now.</summary>
public sealed record RunActions(bool Cancel, bool Retry, bool Resume);

public sealed record RunPage(IReadOnlyList<RunResponse> Items, string? NextCursor);

/// <summary>The answer to a start: the new run, or the active run whose single-active key it would have taken.</summary>
public sealed record RunStart(RunResponse Run, bool Started);

/// <summary>Who is asking: their id, and whether their role lets them see and act on everyone's runs.</summary>
public sealed record RunViewer(string UserId, bool SeesAll)
{
    public static RunViewer Of(ClaimsPrincipal user) => new(user.GetUserId(), user.Allows(AppRoles.Operator));

    /// <summary>For listings of kinds every member sees (prices, customers), which are the same for everyone.</summary>
    public static RunViewer Everyone { get; } = new("", SeesAll: false);
}

public enum RunOwnerFilter
{
    Me,
    All,
}

/// <summary>A listing's filters; every one optional.</summary>
public sealed record RunQuery(
    string? Kind = null, RunState? State = null, RunOwnerFilter Owner = RunOwnerFilter.All, DateTime? Since = null, DateTime? Until = null,
    string? Cursor = null, int Limit = 50);

public enum RunActionOutcome
{
    Done,
    NotFound,
    Conflict,
    Forbidden,
}

/// <summary>The answer to cancel, retry or resume: what happened, the run (the new one, for a retry), and why not.</summary>
public sealed record RunActionResult(RunActionOutcome Outcome, RunResponse? Run = null, string? Reason = null, string? RequiredRole = null);

/// <summary>Runs finished in one minute of one kind and end state, for the operations page's chart.</summary>
public sealed record RunThroughput(DateTime Minute, string Kind, RunState State, int Runs);

/// <summary>The history's retention settings and its latest clean-up.</summary>
public sealed record RunRetentionStatus(
    TimeSpan MaxAge, int MaxRunsPerKind, TimeSpan Interval, DateTime? LastCleanupAt, string? LastCleanupNode, int? LastDeleted);

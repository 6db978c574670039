using TodoDashboard.Infrastructure.Runs;

namespace TodoDashboard.Features.Operations.Components;

/// <summary>
/// The operations page's filters as its URL carries them (<c>?kind=jobs&amp;state=failed&amp;owner=me&amp;time=day</c>), so a
/// filtered view can be linked to and survives a reload. Values it does not know read as "any".
/// </summary>
public sealed record RunFilter(string? Kind = null, RunState? State = null, RunOwnerFilter Owner = RunOwnerFilter.All, RunWindow Window = RunWindow.Any)
{
    public const string KindKey = "kind";
    public const string StateKey = "state";
    public const string OwnerKey = "owner";
    public const string TimeKey = "time";

    public bool IsEmpty => this == new RunFilter();

    public static RunFilter Parse(string? kind, string? state, string? owner, string? time, RunKinds kinds) => new(
        kind is not null && kinds.Find(kind) is not null ? kind : null,
        ParseState(state),
        string.Equals(owner, "me", StringComparison.OrdinalIgnoreCase) ? RunOwnerFilter.Me : RunOwnerFilter.All,
        time?.ToLowerInvariant() switch
        {
            "hour" => RunWindow.Hour,
            "day" => RunWindow.Day,
            "week" => RunWindow.Week,
            _ => RunWindow.Any,
        });

    /// <summary>The query string's values; null removes a parameter, so the default view has a bare URL.</summary>
    public IReadOnlyDictionary<string, object?> QueryParameters() => new Dictionary<string, object?>
    {
        [KindKey] = Kind,
        [StateKey] = State?.ToString().ToLowerInvariant(),
        [OwnerKey] = Owner == RunOwnerFilter.Me ? "me" : null,
        [TimeKey] = Window == RunWindow.Any ? null : Window.ToString().ToLowerInvariant(),
    };

    /// <summary>The engine's query for one page: runs created within the window before <paramref name="now"/>.</summary>
    public RunQuery ToQuery(DateTime now, string? cursor, int limit) =>
        new(Kind, State, Owner, Since(now), Cursor: cursor, Limit: limit);

    public DateTime? Since(DateTime now) => Window switch
    {
        RunWindow.Hour => now.AddHours(-1),
        RunWindow.Day => now.AddDays(-1),
        RunWindow.Week => now.AddDays(-7),
        _ => null,
    };

    // Names only: Enum.TryParse would also take "3" or "1,2".
    private static RunState? ParseState(string? state) =>
        Enum.GetValues<RunState>().Select(s => (RunState?)s).FirstOrDefault(s => string.Equals(s.ToString(), state, StringComparison.OrdinalIgnoreCase));
}

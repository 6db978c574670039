using System.Globalization;
using System.Text;
using System.Text.Json;
using MudBlazor;
using TodoDashboard.Infrastructure.Runs;

namespace TodoDashboard.Features.Operations.Components;

/// <summary>How the operations page words and colours a run's figures, the same in its list, its detail and its charts.</summary>
public static class RunDisplay
{
    public static string Time(DateTime at) => at.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>Time spent executing: summed over the attempts once ended, and since the start while it runs.</summary>
    public static TimeSpan? Duration(RunResponse run, DateTime now) => run switch
    {
        { StartedAt: null } => null,
        { State: RunState.Running, StartedAt: { } started } => now - started,
        { ElapsedMs: > 0 } => TimeSpan.FromMilliseconds(run.ElapsedMs),
        { StartedAt: { } started, FinishedAt: { } finished } => finished - started,
        _ => null,
    };

    /// <summary>
    /// Items per second. The engine adds an attempt's time to the run when the attempt ends, so while a run runs its
    /// rate is taken over the time since it started.
    /// </summary>
    public static double? ItemsPerSecond(RunResponse run, DateTime now)
    {
        if (run is not { State: RunState.Running, StartedAt: { } started })
        {
            return run.ItemsPerSecond;
        }

        var seconds = (now - started).TotalSeconds;
        return run.Done > 0 && seconds > 0 ? Math.Round(run.Done / seconds, 1) : null;
    }

    public static string Format(TimeSpan? span) => span switch
    {
        null => "–",
        { TotalSeconds: < 60 } s => $"{s.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s",
        // Whole hours counted past a day: the format's "h" is the hour of the day, so 25 hours would read 1:00:00.
        { TotalHours: >= 1 } s => $"{((int)s.TotalHours).ToString(CultureInfo.InvariantCulture)}:{s.ToString(@"mm\:ss", CultureInfo.InvariantCulture)}",
        var s => s.Value.ToString(@"m\:ss", CultureInfo.InvariantCulture),
    };

    /// <summary>What the history keeps and what its last clean-up did, in one sentence or two.</summary>
    public static string Retention(RunRetentionStatus retention) =>
        $"History: finished runs are kept for {Span(retention.MaxAge)}, at most {retention.MaxRunsPerKind.ToString("N0", CultureInfo.InvariantCulture)} of each kind, cleaned up every {Span(retention.Interval)}. "
        + (retention.LastCleanupAt is { } at
            ? $"The last clean-up, at {at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC on {retention.LastCleanupNode}, removed {retention.LastDeleted?.ToString("N0", CultureInfo.InvariantCulture)} runs."
            : "No clean-up has run yet.");

    /// <summary>A settings-sized span in words: "30 days", "1 hour", "15 minutes".</summary>
    public static string Span(TimeSpan span) => span switch
    {
        { TotalDays: >= 1 } when span.TotalDays % 1 == 0 => Plural((int)span.TotalDays, "day"),
        { TotalHours: >= 1 } when span.TotalHours % 1 == 0 => Plural((int)span.TotalHours, "hour"),
        { TotalMinutes: >= 1 } when span.TotalMinutes % 1 == 0 => Plural((int)span.TotalMinutes, "minute"),
        _ => Format(span),
    };

    private static string Plural(int n, string unit) => n == 1 ? $"1 {unit}" : $"{n.ToString("N0", CultureInfo.InvariantCulture)} {unit}s";

    public static string FormatRate(double? perSecond) =>
        perSecond is { } rate ? $"{rate.ToString("N1", CultureInfo.InvariantCulture)}/s" : "–";

    /// <summary>What a state is called on screen; a running run asked to stop is "Cancelling".</summary>
    public static string StateText(RunResponse run) =>
        run is { State: RunState.Running, CancelRequested: true } ? "Cancelling" : run.State.ToString();

    public static Color StateColor(RunState state) => state switch
    {
        RunState.Queued => Color.Default,
        RunState.Running => Color.Info,
        RunState.Succeeded => Color.Success,
        RunState.Failed => Color.Error,
        _ => Color.Warning,
    };

    public static string StateIcon(RunState state) => state switch
    {
        RunState.Queued => Icons.Material.Filled.HourglassEmpty,
        RunState.Running => Icons.Material.Filled.Autorenew,
        RunState.Succeeded => Icons.Material.Filled.CheckCircle,
        RunState.Failed => Icons.Material.Filled.Error,
        _ => Icons.Material.Filled.Cancel,
    };

    public static Color LevelColor(RunLogLevel level) => level switch
    {
        RunLogLevel.Error => Color.Error,
        RunLogLevel.Warning => Color.Warning,
        _ => Color.Default,
    };

    /// <summary>
    /// Whether the viewer may see the changed run: the engine's rule for listings (their own runs, the kinds everyone
    /// sees, or everything for an Operator), applied to a notification so a page refreshes only for what it can show.
    /// </summary>
    public static bool MayBeSeenBy(this RunChange change, RunViewer viewer, RunKinds kinds) => kinds.MaySee(viewer, change.Kind, change.OwnerId);

    /// <summary>A kind's title ("Job"), or its name when no registered kind has it.</summary>
    public static string KindTitle(RunKinds kinds, string kind) => kinds.Find(kind)?.Title ?? kind;

    public static string ShortId(Guid id) => id.ToString("N", CultureInfo.InvariantCulture)[^8..];

    /// <summary>
    /// A kind's parameters or figures (a JSON object) as label and value lines: nested objects as "outer · inner",
    /// lists by their length unless short.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Figures(JsonElement json)
    {
        var lines = new List<KeyValuePair<string, string>>();
        if (json.ValueKind == JsonValueKind.Object)
        {
            Add(lines, "", json);
        }

        return lines;
    }

    private static void Add(List<KeyValuePair<string, string>> lines, string prefix, JsonElement value)
    {
        foreach (var property in value.EnumerateObject())
        {
            var label = prefix.Length == 0 ? Label(property.Name) : $"{prefix} · {Label(property.Name)}";
            if (property.Value.ValueKind == JsonValueKind.Object)
            {
                Add(lines, label, property.Value);
            }
            else
            {
                lines.Add(new(label, Text(property.Value)));
            }
        }
    }

    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number when value.TryGetInt64(out var whole) => whole.ToString("N0", CultureInfo.InvariantCulture),
        JsonValueKind.Number => value.GetDouble().ToString("N2", CultureInfo.InvariantCulture),
        JsonValueKind.True => "yes",
        JsonValueKind.False => "no",
        JsonValueKind.Null => "–",
        JsonValueKind.Array when value.GetArrayLength() == 0 => "none",
        JsonValueKind.Array when value.GetArrayLength() <= 3 && value.EnumerateArray().All(v => v.ValueKind is JsonValueKind.String or JsonValueKind.Number)
            => string.Join(", ", value.EnumerateArray().Select(Text)),
        JsonValueKind.Array => $"{value.GetArrayLength().ToString("N0", CultureInfo.InvariantCulture)} items",
        _ => value.GetRawText(),
    };

    /// <summary>"firstNumber" → "First number".</summary>
    private static string Label(string name)
    {
        var label = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && label.Length > 0)
            {
                label.Append(' ').Append(char.ToLowerInvariant(c));
            }
            else
            {
                label.Append(label.Length == 0 ? char.ToUpperInvariant(c) : c == '_' || c == '-' ? ' ' : c);
            }
        }

        return label.ToString();
    }
}

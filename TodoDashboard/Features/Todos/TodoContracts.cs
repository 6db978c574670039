using System.Diagnostics.CodeAnalysis;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using TodoDashboard.Infrastructure.Concurrency;
using TodoDashboard.Infrastructure.Statistics;
using TodoDashboard.Infrastructure.Validation;

namespace TodoDashboard.Features.Todos;

public enum TodoFilter
{
    All,
    Active,
    Completed,
}

public enum StatsMode
{
    Sequential,
    Parallel,

    /// <summary>The four counts (with FILTER) and the four lists in one statement: one round trip.</summary>
    [SuppressMessage("Naming", "CA1720", Justification = "The API's name for the mode: ?mode=single.")]
    Single,
}

/// <summary>A todo; <see cref="Version"/> is its ETag, to send back in If-Match.</summary>
public sealed record TodoResponse(long Id, string Title, string? Description, bool IsCompleted, DateTime CreatedAt, uint Version) : IVersioned;

public sealed record TodoSummary(int Total, int Completed)
{
    public int Active => Total - Completed;
}

public sealed record TodoPage(IReadOnlyList<TodoResponse> Items, int TotalCount, int Page, int PageSize);

/// <summary>POST creates a todo from it; PUT replaces every field with it.</summary>
public sealed record SaveTodoRequest
{
    [Required]
    [StoredText(Todo.TitleMaxLength)]
    public string Title { get; set; } = "";

    [StoredText(Todo.DescriptionMaxLength)]
    public string? Description { get; set; }

    public bool IsCompleted { get; set; }
}

/// <summary>PATCH: a field left out (or null) stays as it is; an empty description clears it.</summary>
public sealed record PatchTodoRequest
{
    [NotBlank]
    [StoredText(Todo.TitleMaxLength)]
    public string? Title { get; init; }

    [StoredText(Todo.DescriptionMaxLength)]
    public string? Description { get; init; }

    public bool? IsCompleted { get; init; }
}

/// <summary>One stats bucket: the true count and the newest items, at most <see cref="TodoService.StatsListCap"/>.</summary>
public sealed record TodoBucket(int Count, IReadOnlyList<TodoResponse> Items);

public sealed record QueryTiming(string Name, double ElapsedMs);

public sealed record TodoStats(
    StatsMode Mode,
    TodoBucket Completed,
    TodoBucket Incomplete,
    TodoBucket CompletedToday,
    TodoBucket IncompleteToday,
    double ElapsedMs,
    IReadOnlyList<QueryTiming> Queries);

/// <summary>The query of <c>GET /api/todos/stats/compare</c>: how many times to run each mode.</summary>
/// <remarks>The attributes target the property, as on every [AsParameters] record (see RunListRequest).</remarks>
public sealed record CompareStatsRequest(
    [property: FromQuery(Name = "repeat"), Range(1, TodoService.MaxStatsRepeat)] int Repeat = TodoService.DefaultStatsRepeat);

/// <summary>One mode's elapsed times over the runs of a comparison, in milliseconds.</summary>
public sealed record StatsTimings(int Runs, double FastestMs, double P25Ms, double MedianMs, double P75Ms, double SlowestMs)
{
    public static StatsTimings Of(IEnumerable<double> elapsedMs)
    {
        var summary = FiveNumberSummary.Of(elapsedMs);
        return new(summary.Count, summary.Min, summary.P25, summary.Median, summary.P75, summary.Max);
    }
}

/// <summary>
/// Every mode timed over the same number of runs. <see cref="MedianRatio"/> is the <see cref="RunnerUp"/>'s median over
/// the <see cref="Faster"/> one's; below <see cref="ClearRatio"/> the gap is within what single runs swing by, and
/// <see cref="ClearDifference"/> is false. <see cref="SameResults"/>: every run of every mode returned the same data.
/// </summary>
[SuppressMessage("Naming", "CA1720", Justification = "Named after its mode, StatsMode.Single, as in the API.")]
public sealed record StatsComparison(
    StatsTimings Sequential, StatsTimings Parallel, StatsTimings Single, StatsMode Faster, StatsMode RunnerUp, double MedianRatio,
    bool ClearDifference, bool SameResults)
{
    public const double ClearRatio = 1.1;

    /// <summary>The modes as the page and the API list them.</summary>
    public static readonly IReadOnlyList<StatsMode> Modes = [StatsMode.Sequential, StatsMode.Parallel, StatsMode.Single];

    public static StatsComparison Of(StatsTimings sequential, StatsTimings parallel, StatsTimings oneStatement, bool sameResults)
    {
        var timings = new Dictionary<StatsMode, StatsTimings>
        {
            [StatsMode.Sequential] = sequential,
            [StatsMode.Parallel] = parallel,
            [StatsMode.Single] = oneStatement,
        };

        // Ties keep the listed order, so the result does not depend on a dictionary's.
        var ranked = Modes.OrderBy(m => timings[m].MedianMs).ToArray();
        var (fast, next) = (timings[ranked[0]].MedianMs, timings[ranked[1]].MedianMs);
        var ratio = fast > 0 ? next / fast : 1;
        return new(sequential, parallel, oneStatement, ranked[0], ranked[1], ratio, ratio >= ClearRatio, sameResults);
    }

    public StatsTimings For(StatsMode mode) => mode switch
    {
        StatsMode.Sequential => Sequential,
        StatsMode.Parallel => Parallel,
        _ => Single,
    };
}

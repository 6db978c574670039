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
/// Both modes timed over the same number of runs. <see cref="MedianRatio"/> is the slower mode's median over the
/// <see cref="Faster"/> one's; below <see cref="ClearRatio"/> the gap is within what single runs swing by, and
/// <see cref="ClearDifference"/> is false. <see cref="SameResults"/>: every run of either mode returned the same data.
/// </summary>
public sealed record StatsComparison(
    StatsTimings Sequential, StatsTimings Parallel, StatsMode Faster, double MedianRatio, bool ClearDifference, bool SameResults)
{
    public const double ClearRatio = 1.1;

    public static StatsComparison Of(StatsTimings sequential, StatsTimings parallel, bool sameResults)
    {
        var (faster, fast, slow) = parallel.MedianMs <= sequential.MedianMs
            ? (StatsMode.Parallel, parallel.MedianMs, sequential.MedianMs)
            : (StatsMode.Sequential, sequential.MedianMs, parallel.MedianMs);
        var ratio = fast > 0 ? slow / fast : 1;
        return new(sequential, parallel, faster, ratio, ratio >= ClearRatio, sameResults);
    }

    public StatsTimings For(StatsMode mode) => mode == StatsMode.Sequential ? Sequential : Parallel;
}

using System.ComponentModel.DataAnnotations;
using TodoDashboard.Infrastructure.Concurrency;
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

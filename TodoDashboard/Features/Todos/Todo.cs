namespace TodoDashboard.Features.Todos;

public class Todo
{
    public const int TitleMaxLength = 255;
    public const int DescriptionMaxLength = 4000;

    public long Id { get; set; }

    public required string OwnerId { get; set; }

    public required string Title { get; set; }

    public string? Description { get; set; }

    public bool IsCompleted { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>PostgreSQL's xmin: changes with every write of the row, so it is the todo's version (its ETag).</summary>
    public uint Version { get; set; }
}

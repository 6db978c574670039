namespace TodoDashboard.Features.Jobs;

public enum JobStatus
{
    Queued,
    Processing,
    Succeeded,
    Failed,
    Cancelled,
}

/// <summary>A long-running job of <see cref="Total"/> items, processed in the background by Quartz.</summary>
public class Job
{
    public const int MaxItems = 1000;

    public Guid Id { get; set; }

    public required string OwnerId { get; set; }

    public int Total { get; set; }

    public int Done { get; set; }

    public JobStatus Status { get; set; }

    public bool CancelRequested { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? StartedAt { get; set; }

    public DateTime? FinishedAt { get; set; }

    public string? Error { get; set; }

    public static bool IsActive(JobStatus status) => status is JobStatus.Queued or JobStatus.Processing;
}

/// <summary>One processed item; written in the same transaction that advances its job's <see cref="Job.Done"/>.</summary>
public class JobItem
{
    public long Id { get; set; }

    public Guid JobId { get; set; }

    public int Number { get; set; }

    public required string Name { get; set; }

    public required string Description { get; set; }

    public DateTime CreatedAt { get; set; }
}

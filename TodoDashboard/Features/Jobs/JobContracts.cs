using System.ComponentModel.DataAnnotations;

namespace TodoDashboard.Features.Jobs;

public sealed record StartJobRequest
{
    [Range(1, Job.MaxItems)]
    public int Items { get; set; } = 10;
}

public sealed record JobResponse(
    Guid Id,
    JobStatus Status,
    int Total,
    int Done,
    double Percent,
    bool CancelRequested,
    DateTime CreatedAt,
    DateTime? StartedAt,
    DateTime? FinishedAt,
    string? Error)
{
    public bool IsActive => Job.IsActive(Status);

    public static JobResponse From(Job job) => new(
        job.Id, job.Status, job.Total, job.Done, Math.Round(100.0 * job.Done / job.Total, 1), job.CancelRequested,
        job.CreatedAt, job.StartedAt, job.FinishedAt, job.Error);
}

/// <summary>The answer to a start request: the new job, or the user's job that is still active.</summary>
public sealed record StartJobResult(JobResponse Job, bool Started);

/// <summary>Settings of the jobs panel (section "Jobs").</summary>
public sealed class JobOptions
{
    /// <summary>How long one item takes; the seed's two seconds by default.</summary>
    public TimeSpan ItemDuration { get; set; } = TimeSpan.FromSeconds(2);
}

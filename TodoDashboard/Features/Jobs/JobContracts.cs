using System.ComponentModel.DataAnnotations;
using TodoDashboard.Infrastructure.Runs;

namespace TodoDashboard.Features.Jobs;

public sealed record StartJobRequest
{
    [Range(1, JobKind.MaxItems)]
    public int Items { get; set; } = 10;
}

/// <summary>A job as the jobs API and panel show it: a view of its run (the same id).</summary>
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
    public bool IsActive => Status is JobStatus.Queued or JobStatus.Processing;

    public static JobResponse From(RunResponse run) => new(
        run.Id, StatusOf(run.State), (int)run.Total, (int)run.Done, run.Percent, run.CancelRequested,
        run.CreatedAt, run.StartedAt, run.FinishedAt, run.Error);

    public static JobStatus StatusOf(RunState state) => state switch
    {
        RunState.Queued => JobStatus.Queued,
        RunState.Running => JobStatus.Processing,
        RunState.Succeeded => JobStatus.Succeeded,
        RunState.Failed => JobStatus.Failed,
        _ => JobStatus.Cancelled,
    };

    /// <summary>The engine state a job status stands for, so a job is coloured and marked like every other run.</summary>
    public static RunState StateOf(JobStatus status) => status switch
    {
        JobStatus.Queued => RunState.Queued,
        JobStatus.Processing => RunState.Running,
        JobStatus.Succeeded => RunState.Succeeded,
        JobStatus.Failed => RunState.Failed,
        _ => RunState.Cancelled,
    };
}

/// <summary>The answer to a start request: the new job, or the user's job that is still active.</summary>
public sealed record StartJobResult(JobResponse Job, bool Started);

namespace TodoDashboard.Features.Jobs;

public enum JobStatus
{
    Queued,
    Processing,
    Succeeded,
    Failed,
    Cancelled,
}

namespace TodoDashboard.Features.Shares;

public enum PriceUpdateStatus
{
    Queued,
    Processing,
    Succeeded,
    Failed,
    Cancelled,
}

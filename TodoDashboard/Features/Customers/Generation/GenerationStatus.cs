namespace TodoDashboard.Features.Customers.Generation;

public enum GenerationStatus
{
    Queued,
    Loading,
    Indexing,
    Succeeded,
    Failed,
    Cancelled,
}

namespace TodoDashboard.Infrastructure.Concurrency;

public enum WriteOutcome
{
    Done,
    NotFound,

    /// <summary>The resource is no longer at the version the caller read: the write was not done.</summary>
    Stale,
}

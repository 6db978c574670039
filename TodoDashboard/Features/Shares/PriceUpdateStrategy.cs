namespace TodoDashboard.Features.Shares;

public enum PriceUpdateStrategy
{
    Sequential,
    Parallel,
    Bulk,
}

namespace TodoDashboard.Features.Customers.Generation;

/// <summary>Why a load stopped before its count: the run ends so once its indexes are back.</summary>
public enum GenerationStop
{
    Failed,
    Cancelled,
}

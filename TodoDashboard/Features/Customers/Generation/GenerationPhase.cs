namespace TodoDashboard.Features.Customers.Generation;

public enum GenerationPhase
{
    Loading,
    Indexing,
}

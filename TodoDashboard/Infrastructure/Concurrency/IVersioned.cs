namespace TodoDashboard.Infrastructure.Concurrency;

/// <summary>A resource with a version: PostgreSQL's <c>xmin</c> of its row, which every write of the row changes.</summary>
public interface IVersioned
{
    uint Version { get; }
}

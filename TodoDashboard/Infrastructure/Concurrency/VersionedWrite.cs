namespace TodoDashboard.Infrastructure.Concurrency;

/// <summary>A resource with a version: PostgreSQL's <c>xmin</c> of its row, which every write of the row changes.</summary>
public interface IVersioned
{
    uint Version { get; }
}

public enum WriteOutcome
{
    Done,
    NotFound,

    /// <summary>The resource is no longer at the version the caller read: the write was not done.</summary>
    Stale,
}

/// <summary>
/// How a write guarded by a version ended: done (with the resource as written; none for a delete), not found, or
/// stale, with the resource as it is now so that the caller can show what changed.
/// </summary>
public sealed record VersionedWrite<T>(WriteOutcome Outcome, T? Current) where T : class, IVersioned;

public static class VersionedWrite
{
    public static VersionedWrite<T> Done<T>(T? written) where T : class, IVersioned => new(WriteOutcome.Done, written);

    public static VersionedWrite<T> NotFound<T>() where T : class, IVersioned => new(WriteOutcome.NotFound, null);

    public static VersionedWrite<T> Stale<T>(T current) where T : class, IVersioned => new(WriteOutcome.Stale, current);

    /// <summary>A guarded write that touched no row: the row is gone, or (read after it) at another version.</summary>
    public static VersionedWrite<T> Missed<T>(T? current) where T : class, IVersioned =>
        current is null ? NotFound<T>() : Stale(current);
}

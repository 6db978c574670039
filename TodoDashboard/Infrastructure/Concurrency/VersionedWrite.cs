namespace TodoDashboard.Infrastructure.Concurrency;

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

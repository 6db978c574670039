using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Caching.Memory;
using TodoDashboard.Infrastructure.Telemetry;

namespace TodoDashboard.Features.Customers;

/// <summary>
/// Search pages in HybridCache (in memory, plus the distributed cache when one is registered), each tagged with
/// what its content depends on: the ids it shows, the columns its filters and sort read, and which new rows could
/// join it. A change drops exactly the pages those tags name: a new phone number for one customer leaves
/// "first_name=Anthony" cached unless that customer is on it.
/// </summary>
/// <remarks>
/// With a shared cache (ConnectionStrings:Redis) a page another instance stored is served here too, which opens one
/// race the in-memory cache does not have: instance B reads a page just before a change commits and stores it after
/// instance A has already applied the change's NOTIFY. A page is invalid only if stored before its tag was
/// invalidated, so A would keep serving B's stale page. Every instance therefore invalidates a change's tags twice:
/// on the NOTIFY, and again Customers:DistributedInvalidationRepeat later (2 s), by which time every instance has
/// applied the NOTIFY and so stopped storing pages read before it (see <see cref="Epoch"/>).
/// </remarks>
public sealed partial class CustomerCache(
    HybridCache cache, IConfiguration configuration, IHostApplicationLifetime lifetime, AppMetrics metrics, ILogger<CustomerCache> logger)
    : IDisposable
{
    private const int EstimatesKept = 10_000;

    private readonly TimeSpan _lifetime = configuration.GetValue("Customers:CacheLifetime", TimeSpan.FromMinutes(5));

    private readonly TimeSpan _estimateLifetime = configuration.GetValue("Customers:EstimateLifetime", TimeSpan.FromMinutes(10));

    // This instance's only: an estimate is one number the planner gives in a fraction of a millisecond, not worth a trip to Redis.
    private readonly MemoryCache _estimates = new(new MemoryCacheOptions { SizeLimit = EstimatesKept });

    private long _bulkEpoch;

    private readonly TimeSpan _repeatInvalidationAfter = Infrastructure.DistributedCacheSetup.IsConfigured(configuration)
        ? configuration.GetValue("Customers:DistributedInvalidationRepeat", TimeSpan.FromSeconds(2))
        : TimeSpan.Zero;

    public const string AllTag = "customers";
    public const string RowsTag = "customers:rows";

    private static readonly HybridCacheEntryOptions ReadOnlyOptions = new()
    {
        Flags = HybridCacheEntryFlags.DisableLocalCacheWrite | HybridCacheEntryFlags.DisableDistributedCacheWrite,
    };

    /// <summary>The whole-value filters a new row is matched against (snake_case, lower-cased values).</summary>
    public static readonly string[] EqualityColumns =
        ["first_name", "last_name", "customer_id", "phone_number", "gender", "country", "city", "city_code", "street", "street_number"];

    private long _epoch;

    /// <summary>Moves on at every invalidation: a page computed across one is not stored (it may predate the change).</summary>
    public long Epoch => Interlocked.Read(ref _epoch);

    public static string IdTag(long id) => $"customer:{id}";

    public static string ColumnTag(string column) => $"customers:col:{column}";

    public static string EqualityTag(string column, string? value) => $"customers:eq:{column}={value?.ToLowerInvariant()}";

    /// <summary>Customers:CacheLifetime (default 5 minutes); zero turns the cache off (the benchmarks measure both).</summary>
    public bool Enabled => _lifetime > TimeSpan.Zero;

    public async ValueTask<CachedCustomerPage?> GetAsync(string key, CancellationToken ct)
    {
        if (!Enabled)
        {
            return null;
        }

        var page = await cache.GetOrCreateAsync(key, _ => ValueTask.FromResult<CachedCustomerPage?>(null), ReadOnlyOptions, cancellationToken: ct);
        metrics.CustomerCacheLookup(hit: page is not null);
        return page;
    }

    public async Task StoreAsync(string key, CachedCustomerPage page, IEnumerable<string> tags, long epoch, CancellationToken ct)
    {
        if (!Enabled || Epoch != epoch)
        {
            return;
        }

        try
        {
            await cache.SetAsync(key, page, new HybridCacheEntryOptions { Expiration = _lifetime, LocalCacheExpiration = _lifetime }, tags, ct);
            if (Epoch != epoch)
            {
                // A change landed while storing: the page may predate it.
                await cache.RemoveAsync(key, ct);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            // The shared cache is unreachable: the page was read all the same, and is answered uncached.
            LogStoreFailed(logger, ex);
        }
    }

    /// <summary>Moves on at every change that drops every page (a bulk load): an estimate read across one is not stored.</summary>
    public long EstimateEpoch => Interlocked.Read(ref _bulkEpoch);

    /// <summary>
    /// The planner's row estimate for a search's filters, kept per statement and values for Customers:EstimateLifetime
    /// (default 10 minutes; zero turns it off) whether or not pages are cached: it moves only with the table's statistics,
    /// so a page need not pay an EXPLAIN for it each time. A bulk change (a generation) drops them all.
    /// </summary>
    public bool TryGetEstimate(string key, out long estimate)
    {
        estimate = 0;
        return _estimateLifetime > TimeSpan.Zero && _estimates.TryGetValue(key, out estimate);
    }

    public void StoreEstimate(string key, long estimate, long epoch)
    {
        if (_estimateLifetime <= TimeSpan.Zero || EstimateEpoch != epoch)
        {
            return;
        }

        _estimates.Set(key, estimate, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = _estimateLifetime });
        if (EstimateEpoch != epoch)
        {
            _estimates.Remove(key);
        }
    }

    /// <summary>Drops the pages a change affects; <c>null</c> (or a bulk change) drops every page, and every estimate.</summary>
    public async Task InvalidateAsync(CustomerChange? change)
    {
        Interlocked.Increment(ref _epoch);
        metrics.CustomerCacheInvalidated();
        var tags = TagsFor(change);
        if (tags.Contains(AllTag))
        {
            Interlocked.Increment(ref _bulkEpoch);
            _estimates.Clear();
        }

        await RemoveByTagsAsync(tags);
        if (_repeatInvalidationAfter > TimeSpan.Zero)
        {
            _ = RepeatInvalidationAsync(tags);
        }
    }

    /// <summary>The second invalidation a shared cache needs: see the remarks on the class.</summary>
    private async Task RepeatInvalidationAsync(IReadOnlyList<string> tags)
    {
        try
        {
            await Task.Delay(_repeatInvalidationAfter, lifetime.ApplicationStopping);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        await RemoveByTagsAsync(tags);
    }

    private async Task RemoveByTagsAsync(IReadOnlyList<string> tags)
    {
        try
        {
            await cache.RemoveByTagAsync(tags);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // This instance's memory is invalidated before the shared cache is written, so only the latter can fail.
            LogInvalidationFailed(logger, ex);
        }
    }

    public static IReadOnlyList<string> TagsFor(CustomerChange? change)
    {
        switch (change)
        {
            case { Op: CustomerChangeOp.Insert }:
                // A new row joins a listing only if it passes its first whole-value filter (or it has none).
                return [RowsTag, .. EqualityColumns.Select(c => EqualityTag(c, change.Values.GetValueOrDefault(c)))];
            case { Op: CustomerChangeOp.Update, Id: { } updated }:
                return [IdTag(updated), .. change.Columns.Select(ColumnTag)];
            case { Op: CustomerChangeOp.Delete, Id: { } deleted }:
                // Keyset pages are "the next rows after a key": removing a row changes only the pages that show it
                // (or that looked one row ahead at it).
                return [IdTag(deleted)];
            default:
                // Bulk, or no change that can be read (null: a reconnect, or a payload this version does not know).
                return [AllTag];
        }
    }

    /// <summary>The tags of a page: see the class summary.</summary>
    public static IReadOnlyList<string> TagsFor(CustomerSearchSql sql, IEnumerable<long> ids)
    {
        var tags = new List<string> { AllTag };
        tags.Add(sql.EqualityFilter is { } eq ? EqualityTag(eq.Column, eq.Value) : RowsTag);
        tags.AddRange(sql.FilterColumns.Concat(sql.Key.Columns).Distinct().Select(ColumnTag));
        tags.AddRange(ids.Select(IdTag));
        return tags;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not store a customer page in the cache.")]
    private static partial void LogStoreFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not drop cached customer pages.")]
    private static partial void LogInvalidationFailed(ILogger logger, Exception exception);

    public void Dispose() => _estimates.Dispose();
}

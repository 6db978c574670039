using System.Threading.RateLimiting;

namespace TodoDashboard.Infrastructure.Auth;

/// <summary>
/// Per-account attempt counts, in memory on each instance (as the per-address ones): a fixed window per policy and account,
/// whether or not the account exists, so the limit itself tells nothing about which emails are registered.
/// </summary>
public sealed class AccountRateLimiter(int permitsPerMinute) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(
        key => RateLimitPartition.GetFixedWindowLimiter(key, _ => AuthRateLimits.PerMinute(permitsPerMinute)));

    /// <summary>Counts an attempt; null when it may go ahead, else how long until it may.</summary>
    public TimeSpan? TryAcquire(string policy, string account)
    {
        var normalized = account.Trim().ToUpperInvariant();
        using var lease = _limiter.AttemptAcquire($"{policy}:{(normalized.Length > 320 ? normalized[..320] : normalized)}");
        return lease.IsAcquired ? null : AuthRateLimits.RetryAfter(lease);
    }

    public void Dispose() => _limiter.Dispose();
}

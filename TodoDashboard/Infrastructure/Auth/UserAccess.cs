using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using TodoDashboard.Data;
using TodoDashboard.Infrastructure.LiveUpdates;

namespace TodoDashboard.Infrastructure.Auth;

/// <summary>What a user may do right now: their roles, display name, security stamp and lockout, as the database has them.</summary>
public sealed record UserAccess(string UserId, string DisplayName, IReadOnlyList<string> Roles, string? SecurityStamp, DateTimeOffset? LockoutEnd)
{
    public bool IsLockedOut(DateTimeOffset now) => LockoutEnd is { } end && end > now;

    /// <summary>
    /// Whether a principal signed in with this security stamp (null: a principal that carries none) still counts as
    /// this user: the account is not locked out and its stamp has not changed since (a sign-out, a lock, a refresh reuse).
    /// </summary>
    public static bool Admits(UserAccess? access, string? stamp, DateTimeOffset now) =>
        access is not null && !access.IsLockedOut(now) && (stamp is null || stamp == access.SecurityStamp);
}

/// <summary>
/// Reads <see cref="UserAccess"/> for the signed-in users of this instance and keeps it until the database says it changed.
/// Triggers on the Identity tables NOTIFY <see cref="Channel"/> with the user's id when their roles, security stamp,
/// lockout or display name change, whoever changes them (an admin on any instance, the create-admin command, psql),
/// so a role change applies to that user's next request on every instance, and to their open pages
/// (<see cref="Components.Account.IdentityRevalidatingAuthenticationStateProvider"/> subscribes too).
/// </summary>
public sealed class UserAccessCache(IDbContextFactory<AppDbContext> dbFactory, PostgresNotificationHub hub, IOptions<AuthOptions> options)
    : IHostedService
{
    public const string Channel = NotificationChannels.UserAccess;

    private readonly double _lifetimeMs = options.Value.AccessCacheLifetime.TotalMilliseconds;

    private readonly ConcurrentDictionary<string, (UserAccess? Access, long LoadedAt)> _entries = new();
    private long _notifications;
    private IDisposable? _subscription;

    public async ValueTask<UserAccess?> GetAsync(string userId, CancellationToken ct = default)
    {
        if (_entries.TryGetValue(userId, out var entry) && Environment.TickCount64 - entry.LoadedAt < _lifetimeMs)
        {
            return entry.Access;
        }

        // A change notified while this load ran may not be in what it read: use the result, but do not keep it.
        // Nor before this instance LISTENs: a change committed until then would never be heard.
        var notificationsBefore = Interlocked.Read(ref _notifications);
        var listening = hub.Listening.Task.IsCompleted;
        var loadedAt = Environment.TickCount64;
        var access = await LoadAsync(userId, ct);
        if (listening && _lifetimeMs > 0 && Interlocked.Read(ref _notifications) == notificationsBefore)
        {
            _entries[userId] = (access, loadedAt);
        }

        return access;
    }

    /// <summary>Reads the database, whatever the cache holds (for a subscriber, whose notification may reach it before the cache's).</summary>
    public Task<UserAccess?> GetFreshAsync(string userId, CancellationToken ct = default) => LoadAsync(userId, ct);

    /// <summary>
    /// Forgets the user at once on this instance, for a change it just committed: its own notification arrives
    /// asynchronously, possibly after the user's next request.
    /// </summary>
    public void Invalidate(string userId)
    {
        Interlocked.Increment(ref _notifications);
        _entries.TryRemove(userId, out _);
    }

    /// <summary>Subscribes to changes of one user's access (their open dashboard listens, to update without a new sign-in).</summary>
    public IDisposable Subscribe(string userId, Action handler) =>
        hub.Subscribe(Channel, payload =>
        {
            if (payload is null || payload == userId)
            {
                handler();
            }
        });

    private async Task<UserAccess?> LoadAsync(string userId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = await db.Users.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.SecurityStamp, u.LockoutEnd })
            .SingleOrDefaultAsync(ct);
        if (user is null)
        {
            return null;
        }

        var roles = await db.UserRoles.Where(ur => ur.UserId == userId)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!)
            .ToListAsync(ct);
        return new UserAccess(user.Id, ApplicationUser.DisplayNameOf(user.DisplayName, user.Email), roles, user.SecurityStamp, user.LockoutEnd);
    }

    Task IHostedService.StartAsync(CancellationToken cancellationToken)
    {
        _subscription = hub.Subscribe(Channel, payload =>
        {
            if (payload is null)
            {
                Interlocked.Increment(ref _notifications);
                _entries.Clear();
            }
            else
            {
                Invalidate(payload);
            }
        });
        return Task.CompletedTask;
    }

    Task IHostedService.StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>
/// Every authenticated request (cookie or bearer token) carries the user's current roles and display name, not the ones
/// they had when they signed in; a token or cookie whose security stamp is no longer the user's, or of a locked-out or
/// deleted account, authenticates no one.
/// </summary>
public sealed class UserAccessClaimsTransformation(UserAccessCache cache, IOptions<IdentityOptions> identity, TimeProvider clock)
    : IClaimsTransformation
{
    public async Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        if (principal.Identity is not ClaimsIdentity { IsAuthenticated: true } identityClaims
            || principal.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId)
        {
            return principal;
        }

        var access = await cache.GetAsync(userId);
        var stamp = principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType);
        if (!UserAccess.Admits(access, stamp, clock.GetUtcNow()))
        {
            return new ClaimsPrincipal(new ClaimsIdentity());
        }

        return WithAccess(identityClaims, access!);
    }

    /// <summary>The identity with its role and display-name claims replaced by the current ones.</summary>
    public static ClaimsPrincipal WithAccess(ClaimsIdentity identity, UserAccess access)
    {
        var fresh = new ClaimsIdentity(
            identity.Claims.Where(c => c.Type != identity.RoleClaimType && c.Type != AppClaims.DisplayName),
            identity.AuthenticationType, identity.NameClaimType, identity.RoleClaimType);
        fresh.AddClaim(new Claim(AppClaims.DisplayName, access.DisplayName));
        // An account that predates the roles, or whose role assignment failed half-way, is a Member.
        foreach (var role in access.Roles.Count == 0 ? [AppRoles.Member] : access.Roles)
        {
            fresh.AddClaim(new Claim(identity.RoleClaimType, role));
        }

        return new ClaimsPrincipal(fresh);
    }
}

public static class AppClaims
{
    public const string DisplayName = "display_name";
}

using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TodoDashboard.Data;
using TodoDashboard.Infrastructure.LiveUpdates;

namespace TodoDashboard.Infrastructure.Auth;

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

using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using TodoDashboard.Data;
using TodoDashboard.Infrastructure;
using TodoDashboard.Infrastructure.Auth;

namespace TodoDashboard.Features.Admin;

/// <summary>
/// Accounts as an admin sees them, and the changes only an admin may make. Roles and lockout go through Identity's
/// UserManager; the database triggers behind <see cref="UserAccessCache"/> make each change reach the user's next
/// request and open pages on every instance.
/// </summary>
public sealed class AdminUsersService(
    IDbContextFactory<AppDbContext> dbFactory, IServiceScopeFactory scopeFactory, UserAccessCache access, TimeProvider clock)
{
    public const int SearchMaxLength = 256;

    // Serializes role and lock changes, so two admins demoting each other at once cannot leave no admin at all.
    private const long AdminChangeLock = 0x41444D494E; // "ADMIN"

    public async Task<AdminUserPage?> ListAsync(string? search, string? cursor, int pageSize, CancellationToken ct = default)
    {
        string? after = null;
        if (!string.IsNullOrEmpty(cursor) && (after = DecodeCursor(cursor)) is null)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var users = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var pattern = LikePattern.Containing(search.Trim());
            users = users.Where(u => EF.Functions.ILike(u.Email!, pattern, LikePattern.EscapeCharacter)
                || EF.Functions.ILike(u.DisplayName!, pattern, LikePattern.EscapeCharacter));
        }

        if (after is not null)
        {
            users = users.Where(u => u.NormalizedEmail!.CompareTo(after) > 0);
        }

        var rows = await users.OrderBy(u => u.NormalizedEmail).Take(pageSize + 1)
            .Select(u => new
            {
                User = u,
                Roles = db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToList(),
            })
            .ToListAsync(ct);
        var page = rows.Take(pageSize).Select(r => ToResponse(r.User, r.Roles)).ToList();
        var next = rows.Count > pageSize ? EncodeCursor(rows[pageSize - 1].User.NormalizedEmail!) : null;
        return new AdminUserPage(page, next);
    }

    public async Task<AdminUserResponse?> GetAsync(string id, CancellationToken ct = default)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        return await users.FindByIdAsync(id) is { } user ? ToResponse(user, await users.GetRolesAsync(user)) : null;
    }

    /// <summary>Gives the user exactly these roles (and Member, which every account keeps).</summary>
    public Task<AdminChange> SetRolesAsync(string id, IReadOnlyList<string> requested, CancellationToken ct = default)
    {
        var roles = requested.Select(r => (Name: r, Role: AppRoles.Normalize(r))).ToList();
        if (roles.FirstOrDefault(r => r.Role is null) is { Name: { } unknown })
        {
            return Task.FromResult(new AdminChange(AdminChangeStatus.UnknownRole,
                Detail: $"'{unknown}' is not a role; the roles are {string.Join(", ", AppRoles.All)}."));
        }

        var wanted = roles.Select(r => r.Role!).Append(AppRoles.Member).ToHashSet();
        return ChangeAsync(id, async (users, user, currentRoles) =>
        {
            if (currentRoles.Contains(AppRoles.Admin) && !wanted.Contains(AppRoles.Admin) && await OtherActiveAdminsAsync(users, user) == 0)
            {
                return new AdminChange(AdminChangeStatus.LastAdmin, Detail: "This is the last admin: make another account an Admin first.");
            }

            var removed = await users.RemoveFromRolesAsync(user, currentRoles.Except(wanted));
            var added = removed.Succeeded ? await users.AddToRolesAsync(user, wanted.Except(currentRoles)) : removed;
            return added.Succeeded ? null : throw new InvalidOperationException(string.Join(" ", added.Errors.Select(e => e.Description)));
        }, ct);
    }

    /// <summary>Locks the account until unlocked: its sign-ins are refused, and its cookies, tokens and open pages stop working.</summary>
    public Task<AdminChange> LockAsync(string adminId, string id, CancellationToken ct = default) =>
        ChangeAsync(id, async (users, user, currentRoles) =>
        {
            if (user.Id == adminId)
            {
                return new AdminChange(AdminChangeStatus.Self, Detail: "You cannot lock your own account.");
            }

            if (currentRoles.Contains(AppRoles.Admin) && await OtherActiveAdminsAsync(users, user) == 0)
            {
                return new AdminChange(AdminChangeStatus.LastAdmin, Detail: "This is the last admin who can sign in.");
            }

            await users.SetLockoutEnabledAsync(user, true);
            await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
            await users.UpdateSecurityStampAsync(user);
            return null;
        }, ct);

    public Task<AdminChange> UnlockAsync(string id, CancellationToken ct = default) =>
        ChangeAsync(id, async (users, user, _) =>
        {
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
            return null;
        }, ct);

    private async Task<AdminChange> ChangeAsync(
        string id, Func<UserManager<ApplicationUser>, ApplicationUser, IList<string>, Task<AdminChange?>> change, CancellationToken ct)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AdminChangeLock})", ct);

        var user = await users.FindByIdAsync(id);
        if (user is null)
        {
            return new AdminChange(AdminChangeStatus.NotFound);
        }

        var currentRoles = await users.GetRolesAsync(user);
        if (await change(users, user, currentRoles) is { } refused)
        {
            return refused;
        }

        await transaction.CommitAsync(ct);
        access.Invalidate(user.Id);
        return new AdminChange(AdminChangeStatus.Done, ToResponse(user, await users.GetRolesAsync(user)));
    }

    private async Task<int> OtherActiveAdminsAsync(UserManager<ApplicationUser> users, ApplicationUser user)
    {
        var now = clock.GetUtcNow();
        return (await users.GetUsersInRoleAsync(AppRoles.Admin)).Count(u => u.Id != user.Id && !(u.LockoutEnd > now));
    }

    private static AdminUserResponse ToResponse(ApplicationUser user, IEnumerable<string> roles)
    {
        var ordered = AppRoles.All.Where(roles.Contains).ToList();
        return new AdminUserResponse(user.Id, user.Email ?? "", ApplicationUser.DisplayNameOf(user.DisplayName, user.Email),
            ordered.Count == 0 ? [AppRoles.Member] : ordered, user.LockoutEnd, user.LastSignInAt);
    }

    private static string EncodeCursor(string normalizedEmail) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(normalizedEmail)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string? DecodeCursor(string cursor)
    {
        var base64 = cursor.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
        var bytes = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64, bytes, out var length) || length == 0)
        {
            return null;
        }

        // A tampered cursor is text like any other input: refused, never sent to PostgreSQL, when the policy refuses it.
        var email = Encoding.UTF8.GetString(bytes, 0, length);
        return Infrastructure.Validation.InputPolicy.Refusal(email) is null ? email : null;
    }
}

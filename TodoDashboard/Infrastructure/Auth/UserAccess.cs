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

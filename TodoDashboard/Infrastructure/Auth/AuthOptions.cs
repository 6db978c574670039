namespace TodoDashboard.Infrastructure.Auth;

/// <summary>Settings of section "Auth".</summary>
public sealed class AuthOptions
{
    /// <summary>Emails of the accounts that are Admins: applied at every start, and when such an account registers.</summary>
    public List<string> Admins { get; set; } = [];

    /// <summary>
    /// How long an instance trusts what it read of a user's roles, stamp and lockout. Notifications clear it at once;
    /// this is the backstop should one be lost while the listening connection is down. Zero reads them on every request.
    /// </summary>
    public TimeSpan AccessCacheLifetime { get; set; } = TimeSpan.FromMinutes(5);

    public bool IsConfiguredAdmin(string? email) =>
        email is not null && Admins.Any(a => string.Equals(a.Trim(), email.Trim(), StringComparison.OrdinalIgnoreCase));
}

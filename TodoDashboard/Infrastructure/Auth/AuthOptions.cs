namespace TodoDashboard.Infrastructure.Auth;

/// <summary>Settings of section "Auth".</summary>
public sealed class AuthOptions
{
    /// <summary>Emails of the accounts that are Admins: applied at every start, and when such an account registers.</summary>
    public List<string> Admins { get; set; } = [];

    public bool IsConfiguredAdmin(string? email) =>
        email is not null && Admins.Any(a => string.Equals(a.Trim(), email.Trim(), StringComparison.OrdinalIgnoreCase));
}

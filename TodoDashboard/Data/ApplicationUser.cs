using Microsoft.AspNetCore.Identity;

namespace TodoDashboard.Data;

public class ApplicationUser : IdentityUser
{
    public const int DisplayNameMaxLength = 64;

    /// <summary>What other users see (runs they started); null means the part of the email before the @.</summary>
    public string? DisplayName { get; set; }

    public DateTimeOffset? LastSignInAt { get; set; }

    /// <summary>Emails are for admins only: everyone else sees this name.</summary>
    public static string DisplayNameOf(string? displayName, string? email) =>
        !string.IsNullOrWhiteSpace(displayName) ? displayName
        : email is { Length: > 0 } ? email.Split('@')[0]
        : "unknown";
}

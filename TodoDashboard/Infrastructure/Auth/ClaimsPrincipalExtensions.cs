using System.Security.Claims;
using TodoDashboard.Data;

namespace TodoDashboard.Infrastructure.Auth;

public static class ClaimsPrincipalExtensions
{
    /// <summary>The signed-in user's id; only called behind an authorization policy, so it is always there.</summary>
    public static string GetUserId(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier)
        ?? throw new InvalidOperationException("The user is not signed in.");

    /// <summary>How runs record who started them: the display name, never the email (only admins see emails).</summary>
    public static string GetDisplayName(this ClaimsPrincipal user) =>
        user.FindFirstValue(AppClaims.DisplayName) ?? ApplicationUser.DisplayNameOf(null, user.Identity?.Name);
}

using System.Security.Claims;

namespace TodoDashboard.Infrastructure.Auth;

/// <summary>
/// The three roles, each granting everything the one before it does: a Member works on their own todos and jobs and
/// reads and edits the team's data; an Operator also changes shared data in bulk; an Admin also manages accounts.
/// They are ASP.NET Core Identity roles; the policies of the same names accept the role or any role above it.
/// </summary>
public static class AppRoles
{
    public const string Member = "Member";
    public const string Operator = "Operator";
    public const string Admin = "Admin";

    /// <summary>Lowest first.</summary>
    public static IReadOnlyList<string> All { get; } = [Member, Operator, Admin];

    /// <summary>The roles that allow what <paramref name="role"/> allows: itself and every role above it.</summary>
    public static string[] Granting(string role)
    {
        var rank = Rank(role);
        return rank < 0 ? throw new ArgumentException($"Unknown role '{role}'.", nameof(role)) : All.Skip(rank).ToArray();
    }

    /// <summary>Whether the user may do what <paramref name="role"/> may do.</summary>
    public static bool Allows(this ClaimsPrincipal user, string role) =>
        user.Identity?.IsAuthenticated == true && Granting(role).Any(user.IsInRole);

    /// <summary>The highest role the user holds (what the navigation shows), or null when signed out.</summary>
    public static string? HighestRole(this ClaimsPrincipal user) => All.LastOrDefault(user.IsInRole);

    /// <summary>The highest of the given role names (any case), or null when there is none.</summary>
    public static string? Highest(IEnumerable<string> roles) =>
        roles.Select(Normalize).Where(r => r is not null).MaxBy(r => Rank(r!));

    /// <summary>The role's canonical spelling, or null when it is not one of the three.</summary>
    public static string? Normalize(string role) => All.FirstOrDefault(r => string.Equals(r, role, StringComparison.OrdinalIgnoreCase));

    private static int Rank(string role) => All.ToList().IndexOf(role);
}

using System.Security.Claims;
using TodoDashboard.Infrastructure.Auth;

namespace TodoDashboard.Infrastructure.Runs;

/// <summary>Who starts a run: a user (id and display name), or the system.</summary>
public sealed record RunOwner(string? Id, string Name)
{
    public static RunOwner System { get; } = new(null, "System");

    public static RunOwner Of(ClaimsPrincipal user) => new(user.GetUserId(), user.GetDisplayName());
}

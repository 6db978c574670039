using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace TodoDashboard.Infrastructure.Auth;

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

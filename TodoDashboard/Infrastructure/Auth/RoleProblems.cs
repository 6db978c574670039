using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace TodoDashboard.Infrastructure.Auth;

/// <summary>The one answer to a signed-in user whose role does not allow what they asked: a 403 problem naming the role it needs.</summary>
public static class RoleProblems
{
    public static ProblemDetails Forbidden(string requiredRole, ClaimsPrincipal user) => new()
    {
        Status = StatusCodes.Status403Forbidden,
        Title = $"This needs the {requiredRole} role.",
        Detail = $"You are signed in as a {user.HighestRole() ?? AppRoles.Member}; an admin can give you the {requiredRole} role.",
        Extensions = { ["requiredRole"] = requiredRole },
    };

    /// <summary>For a handler whose decision depends on the request (not only the route): the same 403 as the group policies give.</summary>
    public static ProblemHttpResult ForbiddenResult(string requiredRole, ClaimsPrincipal user) =>
        TypedResults.Problem(Forbidden(requiredRole, user));
}

using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

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

/// <summary>Writes <see cref="RoleProblems.Forbidden"/> for an /api request that a role policy refused; everything else as usual.</summary>
internal sealed class RoleProblemResultHandler(IProblemDetailsService problemDetails) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        var role = authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<RolesAuthorizationRequirement>()
            .Select(r => r.AllowedRoles.First()).FirstOrDefault();
        // A token or cookie that UserAccessClaimsTransformation emptied (stale stamp, locked out) is nobody: ask them to sign in.
        if (authorizeResult.Forbidden && context.User.Identity?.IsAuthenticated != true)
        {
            await _default.HandleAsync(next, context, policy, PolicyAuthorizationResult.Challenge());
            return;
        }

        if (authorizeResult.Forbidden && role is not null && context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await problemDetails.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = RoleProblems.Forbidden(role, context.User),
            });
            return;
        }

        // A page: the access-denied page, saying which role it needs.
        if (authorizeResult.Forbidden && role is not null)
        {
            context.Response.Redirect(QueryHelpers.AddQueryString("/Account/AccessDenied", "role", role));
            return;
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
    }
}

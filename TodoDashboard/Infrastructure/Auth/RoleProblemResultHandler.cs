using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace TodoDashboard.Infrastructure.Auth;

/// <summary>
/// Writes <see cref="RoleProblems.Forbidden"/> for an /api request (or an endpoint with <c>DisableCookieRedirect()</c>, such as
/// /metrics) that a role policy refused; everything else as usual.
/// </summary>
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

        var forMachines = IsForMachines(context);
        if (authorizeResult.Forbidden && role is not null && forMachines)
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

        // A page asks a visitor to sign in with the cookie's redirect; the bearer scheme's bare 401 is for the API.
        if (authorizeResult.Challenged && !forMachines)
        {
            await context.ChallengeAsync(IdentityConstants.ApplicationScheme);
            return;
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
    }

    /// <summary>An API call or a scrape: answered with status codes, never redirected to a page.</summary>
    private static bool IsForMachines(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api")
        || context.GetEndpoint()?.Metadata.GetMetadata<IDisableCookieRedirectMetadata>() is not null;
}

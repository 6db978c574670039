using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using TodoDashboard.Infrastructure.Auth;

namespace Microsoft.AspNetCore.Routing;

internal static class IdentityComponentsEndpointRouteBuilderExtensions
{
    // The Identity Razor components post here to sign out.
    public static IEndpointConventionBuilder MapAdditionalIdentityEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        var accountGroup = endpoints.MapGroup("/Account").ExcludeFromDescription();

        // Signing out here ends the account's other sessions too (copied cookies, tokens): see SignOutEverywhereAsync.
        accountGroup.MapPost("/Logout", async (
            ClaimsPrincipal user,
            [FromServices] AppSignInManager signInManager,
            [FromForm] string? returnUrl) =>
        {
            await signInManager.SignOutEverywhereAsync(user);
            return TypedResults.LocalRedirect("~/Account/Login");
        })
            .RequireRateLimiting(AuthRateLimits.Account)
            .RequireAccountRateLimit(AuthRateLimits.Account, c => c.HttpContext.User.FindFirstValue(ClaimTypes.NameIdentifier));

        return accountGroup;
    }
}

using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using TodoDashboard.Data;
using TodoDashboard.Infrastructure.Auth;

namespace Microsoft.AspNetCore.Routing;

internal static class IdentityComponentsEndpointRouteBuilderExtensions
{
    /// <summary>The header the passkey script sends the page's antiforgery token in (Antiforgery's default).</summary>
    public const string AntiforgeryHeader = "RequestVerificationToken";

    // The Identity Razor components post here to sign out, and their passkey script asks here for WebAuthn options.
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

        // A script's fetch, not a page: a visitor gets 401, not the sign-in page's redirect.
        accountGroup.MapPost("/PasskeyCreationOptions", PasskeyCreationOptionsAsync)
            .RequireAuthorization()
            .DisableCookieRedirect()
            .RequireRateLimiting(AuthRateLimits.Account)
            .RequireAccountRateLimit(AuthRateLimits.Account, c => c.HttpContext.User.FindFirstValue(ClaimTypes.NameIdentifier));

        accountGroup.MapPost("/PasskeyRequestOptions", PasskeyRequestOptionsAsync)
            .AllowAnonymous()
            .RequireRateLimiting(AuthRateLimits.Login);

        return accountGroup;
    }

    /// <summary>What the browser needs to create a passkey for the signed-in account; Identity keeps the challenge in a cookie.</summary>
    public static async Task<Results<ContentHttpResult, ValidationProblem, UnauthorizedHttpResult>> PasskeyCreationOptionsAsync(
        HttpContext context, IAntiforgery antiforgery, UserManager<ApplicationUser> users, SignInManager<ApplicationUser> signIn)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return AntiforgeryRefused();
        }

        if (await users.GetUserAsync(context.User) is not { } user)
        {
            return TypedResults.Unauthorized();
        }

        var name = user.UserName ?? user.Id;
        var options = await signIn.MakePasskeyCreationOptionsAsync(new()
        {
            Id = user.Id,
            Name = name,
            DisplayName = ApplicationUser.DisplayNameOf(user.DisplayName, user.Email),
        });
        return TypedResults.Content(options, "application/json");
    }

    /// <summary>
    /// What the browser needs to sign in with a passkey. It names no account, unlike the template's (which takes a user
    /// name): options listing an account's credentials would tell anyone which emails have passkeys. The browser offers
    /// the passkeys it holds for this site instead (discoverable credentials, which every passkey made here is).
    /// </summary>
    public static async Task<Results<ContentHttpResult, ValidationProblem>> PasskeyRequestOptionsAsync(
        HttpContext context, IAntiforgery antiforgery, SignInManager<ApplicationUser> signIn)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return AntiforgeryRefused();
        }

        return TypedResults.Content(await signIn.MakePasskeyRequestOptionsAsync(user: null), "application/json");
    }

    private static ValidationProblem AntiforgeryRefused() => TypedResults.ValidationProblem(
        new Dictionary<string, string[]> { [AntiforgeryHeader] = ["The page's antiforgery token is missing or not this session's: reload the page."] },
        title: "The request did not come from this app's page.");
}

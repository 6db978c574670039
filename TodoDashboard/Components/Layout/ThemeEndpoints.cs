using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using TodoDashboard.Data;

namespace TodoDashboard.Components.Layout;

/// <summary>
/// The theme toggle is a plain form, so it works on the static Identity pages as on the interactive ones: it remembers the
/// choice in this browser (a cookie) and, signed in, on the account (a claim) for the next browser it signs in from.
/// </summary>
public static class ThemeEndpoints
{
    public static IEndpointConventionBuilder MapThemeEndpoints(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/Account/Theme", SetTheme).ExcludeFromDescription().AllowAnonymous();

    public static async Task<Results<RedirectHttpResult, ValidationProblem>> SetTheme(
        HttpContext context,
        ClaimsPrincipal user,
        [FromServices] UserManager<ApplicationUser> users,
        [FromForm] string? preference,
        [FromForm] string? returnUrl)
    {
        if (ThemeChoice.Parse(preference) is not { } chosen)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["preference"] = [$"The preference must be one of: {string.Join(", ", Enum.GetNames<ThemePreference>())}."],
            });
        }

        context.Response.Cookies.Append(ThemeChoice.PreferenceCookie, chosen.ToString(), new CookieOptions
        {
            Path = "/",
            MaxAge = TimeSpan.FromDays(365),
            SameSite = SameSiteMode.Lax,
            Secure = context.Request.IsHttps,
            HttpOnly = true,
            IsEssential = true,
        });
        if (await users.GetUserAsync(user) is { } account)
        {
            var saved = (await users.GetClaimsAsync(account)).Where(c => c.Type == ThemeChoice.PreferenceClaim).ToList();
            if (saved.Count > 0)
            {
                await users.RemoveClaimsAsync(account, saved);
            }

            await users.AddClaimAsync(account, new Claim(ThemeChoice.PreferenceClaim, chosen.ToString()));
        }

        return TypedResults.Redirect(LocalPath(returnUrl));
    }

    /// <summary>The page to go back to, only ever on this site: anything that could leave it goes home.</summary>
    public static string LocalPath(string? returnUrl)
    {
        // Leading slashes go ("//host" would be another site); "/\host" is one to browsers too.
        var path = (returnUrl ?? "").TrimStart('/');
        var leavesSite = path.StartsWith('\\') || path.Any(char.IsControl);
        return leavesSite ? "/" : "/" + path;
    }
}

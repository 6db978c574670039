using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Primitives;

namespace TodoDashboard.Infrastructure.Security;

/// <summary>
/// Refuses a state-changing /api request that the sign-in cookie authenticates unless it comes from the app's own origin,
/// so a page elsewhere cannot spend the cookie the browser attaches (SameSite=Lax still lets a sibling subdomain do it).
/// The request's <c>Origin</c> must be this app's scheme, host and port (as forwarded headers report them behind a proxy),
/// or, without <c>Origin</c>, its <c>Referer</c> must start there; with neither (a script reusing a browser's cookie) it must carry
/// <c>X-Requested-With</c>, a header no other origin can add without a CORS preflight, which this app never grants.
/// A request with an <c>Authorization</c> header is not checked: no browser attaches one by itself.
/// The Blazor pages call services on the circuit and the Identity forms carry antiforgery tokens, so neither passes here.
/// </summary>
public static class CrossOriginRequests
{
    public const string CustomHeader = "X-Requested-With";

    public static IApplicationBuilder UseCrossOriginRequestCheck(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (IsStateChanging(context.Request)
                && context.Request.Headers.Authorization.Count == 0
                && RefusalReason(context.Request) is { } reason
                && (await context.AuthenticateAsync(IdentityConstants.ApplicationScheme)).Succeeded)
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails = new ProblemDetails
                    {
                        Status = StatusCodes.Status403Forbidden,
                        Title = "Cross-origin request refused.",
                        Detail = reason,
                    },
                });
                return;
            }

            await next(context);
        });

    private static bool IsStateChanging(HttpRequest request) =>
        request.Path.StartsWithSegments("/api")
        && !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method));

    private static string? RefusalReason(HttpRequest request)
    {
        var own = $"{request.Scheme}://{request.Host}";
        if (request.Headers.Origin is { Count: > 0 } origin)
        {
            return SameOrigin(origin, request)
                ? null
                : $"This request is signed in by cookie and comes from {origin}, not from {own}. Call the API from the app's own pages, or with a bearer token.";
        }

        if (request.Headers.Referer is { Count: > 0 } referer)
        {
            return SameOrigin(referer, request)
                ? null
                : $"This request is signed in by cookie and was sent from a page outside {own}. Call the API from the app's own pages, or with a bearer token.";
        }

        return request.Headers.ContainsKey(CustomHeader)
            ? null
            : $"This request is signed in by cookie and names no origin (no Origin or Referer header). Send it with an {CustomHeader} header, or use a bearer token.";
    }

    // Uri compares the scheme and host without case and fills in the default port, as the browser leaves it out of Origin.
    private static bool SameOrigin(StringValues header, HttpRequest request) =>
        header.Count == 1
        && Uri.TryCreate(header.ToString(), UriKind.Absolute, out var from)
        && Uri.TryCreate($"{request.Scheme}://{request.Host}", UriKind.Absolute, out var own)
        && Uri.Compare(from, own, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
}

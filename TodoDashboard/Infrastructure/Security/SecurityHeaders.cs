using System.Security.Cryptography;

namespace TodoDashboard.Infrastructure.Security;

/// <summary>
/// The headers every answer carries, pages, API, static files and errors alike: no MIME sniffing, no framing,
/// the origin only as referrer across sites, and a Content-Security-Policy that runs no script but the app's own files
/// and the inline scripts it marks with the request's nonce (<see cref="CspNonce"/>: Blazor's import map, Scalar's set-up).
/// </summary>
public static class SecurityHeaders
{
    private static readonly object NonceKey = new();

    // Blazor Server needs no eval (that is WebAssembly's 'wasm-unsafe-eval'); 'self' covers the circuit's same-origin WebSocket.
    // Styles stay open to inline: MudBlazor and Blazor's reconnect UI set style attributes, and MudThemeProvider writes a <style>.
    private const string PolicyAfterScripts =
        "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
        + "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The request's script nonce, for an inline script the app itself writes (<c>nonce="@HttpContext.CspNonce()"</c>).</summary>
    public static string CspNonce(this HttpContext context) => (string)context.Items[NonceKey]!;

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            // Hex, not base64: a '+' or '/' would be HTML-encoded in attributes some components write.
            context.Items[NonceKey] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            // Set as the answer starts, so an error page or a problem written after the headers were cleared carries them too.
            context.Response.OnStarting(static state =>
            {
                var context = (HttpContext)state;
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers.ContentSecurityPolicy = $"default-src 'self'; script-src 'self' 'nonce-{context.CspNonce()}'; {PolicyAfterScripts}";
                return Task.CompletedTask;
            }, context);
            return next(context);
        });
}

using Scalar.AspNetCore;
using TodoDashboard.Infrastructure.Security;

namespace TodoDashboard.Infrastructure;

/// <summary>The OpenAPI document at /openapi/v1.json and the interactive reference at /api/docs.</summary>
public static class ApiDocsSetup
{
    // Scalar's page is its own app: without this bar a reader who opened it from the dashboard has no way back.
    private const string BackToApp =
        """<nav class="app-back-bar" aria-label="TodoDashboard"><a href="/" data-testid="back-to-app">&larr; Back to TodoDashboard</a></nav>""";

    private const string BackToAppCss = """
        .app-back-bar { padding: 8px 16px; background: #3f51b5; font: 500 14px system-ui, sans-serif; }
        .app-back-bar a { color: #fff; text-decoration: none; }
        .app-back-bar a:hover, .app-back-bar a:focus-visible { text-decoration: underline; }
        """;

    public static WebApplicationBuilder AddApiDocs(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenApi();
        return builder;
    }

    public static WebApplication MapApiDocs(this WebApplication app)
    {
        app.MapOpenApi();
        // Its scripts carry the request's CSP nonce, and its fonts are not fetched from Scalar's CDN (the policy allows no other origin).
        app.MapScalarApiReference("/api/docs", (options, context) => options
            .WithTitle("TodoDashboard API")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .WithNonce(context.CspNonce())
            .DisableDefaultFonts()
            .AddHeaderContent(BackToApp)
            .WithCustomCss(BackToAppCss));
        return app;
    }
}

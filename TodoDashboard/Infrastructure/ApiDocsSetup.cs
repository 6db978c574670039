using Scalar.AspNetCore;
using TodoDashboard.Infrastructure.Security;

namespace TodoDashboard.Infrastructure;

/// <summary>The OpenAPI document at /openapi/v1.json, the interactive reference at /api/docs, and /health.</summary>
public static class ApiDocsSetup
{
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
            .DisableDefaultFonts());
        app.MapHealthChecks("/health");
        return app;
    }
}

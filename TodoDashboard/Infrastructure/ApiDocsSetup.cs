using Scalar.AspNetCore;

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
        app.MapScalarApiReference("/api/docs", options => options
            .WithTitle("TodoDashboard API")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json"));
        app.MapHealthChecks("/health");
        return app;
    }
}

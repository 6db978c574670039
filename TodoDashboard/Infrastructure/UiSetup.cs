using Microsoft.AspNetCore.Diagnostics;
using MudBlazor.Services;
using TodoDashboard.Components;
using TodoDashboard.Components.Layout;
using TodoDashboard.Infrastructure.Auth;
using TodoDashboard.Infrastructure.Failover;
using TodoDashboard.Infrastructure.Security;

namespace TodoDashboard.Infrastructure;

/// <summary>Blazor with interactive server rendering, MudBlazor, and the request pipeline the pages and the API share.</summary>
public static class UiSetup
{
    public static WebApplicationBuilder AddAppUi(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        // Snackbars bottom-left, over the navigation drawer's empty foot rather than the rows' edit and delete buttons
        // on the right; three at most, and the same message twice shows once.
        builder.Services.AddMudServices(options =>
        {
            options.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomLeft;
            options.SnackbarConfiguration.MaxDisplayedSnackbars = 3;
            options.SnackbarConfiguration.PreventDuplicates = true;
        });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<UserErrors>();
        builder.Services.AddCircuitFailover();
        builder.AddTransportSecurity();
        return builder;
    }

    public static WebApplication UseAppPipeline(this WebApplication app)
    {
        app.UseAppForwardedHeaders();
        app.UseCircuitFailover();
        app.UseServerTiming();
        app.UseTransportSecurity();
        app.UseSecurityHeaders();
        // Outside the API's status code pages (inside a UseWhen branch it re-executed without re-routing: an empty 404), so an /api
        // answer already carries its ProblemDetails body and is left alone. Only a 404 gets the page: a 401 keeps its sign-in redirect.
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.Use(async (context, next) =>
        {
            await next(context);
            if (context.Response.StatusCode != StatusCodes.Status404NotFound && context.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
            {
                statusCodePages.Enabled = false;
            }
        });
        app.UseAppProblemDetails();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseCrossOriginRequestCheck();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapAppUi(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapThemeEndpoints();
        return app;
    }
}

using MudBlazor.Services;
using TodoDashboard.Components;
using TodoDashboard.Infrastructure.Auth;
using TodoDashboard.Infrastructure.Security;

namespace TodoDashboard.Infrastructure;

/// <summary>Blazor with interactive server rendering, MudBlazor, and the request pipeline the pages and the API share.</summary>
public static class UiSetup
{
    public static WebApplicationBuilder AddAppUi(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices(options => options.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomRight);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<UserErrors>();
        builder.AddTransportSecurity();
        return builder;
    }

    public static WebApplication UseAppPipeline(this WebApplication app)
    {
        app.UseAppForwardedHeaders();
        app.UseServerTiming();
        app.UseTransportSecurity();
        app.UseSecurityHeaders();
        app.UseAppProblemDetails();
        app.UseWhen(
            context => !context.Request.Path.StartsWithSegments("/api"),
            pages => pages.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));
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
        return app;
    }
}

namespace TodoDashboard.Infrastructure.Security;

/// <summary>
/// HSTS and the redirect from http to https, when the app is served over TLS: <c>Https:Enabled</c>, which defaults to
/// whether the app itself listens on an https:// address. Behind a proxy that terminates TLS, set it and forward the scheme.
/// Plain http on loopback (run.sh, the tests, docker compose) keeps neither; HSTS is never sent for localhost anyway.
/// </summary>
public static class TransportSecurity
{
    public static WebApplicationBuilder AddTransportSecurity(this WebApplicationBuilder builder)
    {
        builder.Services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
        return builder;
    }

    public static bool IsEnabled(IConfiguration configuration) =>
        configuration.GetValue<bool?>("Https:Enabled")
        ?? ((configuration[WebHostDefaults.ServerUrlsKey] ?? "").Contains("https://", StringComparison.OrdinalIgnoreCase)
            || !string.IsNullOrEmpty(configuration[WebHostDefaults.HttpsPortsKey]));

    public static WebApplication UseTransportSecurity(this WebApplication app)
    {
        if (IsEnabled(app.Configuration))
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        return app;
    }
}

using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Quartz.Diagnostics;

namespace TodoDashboard.Infrastructure.Telemetry;

/// <summary>
/// OpenTelemetry traces, metrics and logs, configured by the standard OTEL_* variables (as dotnet/eShop's
/// ServiceDefaults): with OTEL_EXPORTER_OTLP_ENDPOINT set they go to that collector over OTLP, without it nothing is
/// exported. The metrics are also scraped at <see cref="MetricsPath"/> (Prometheus text) by an Admin, or from a network
/// <see cref="ScrapeAccess"/> allows.
/// </summary>
public static class TelemetrySetup
{
    public const string MetricsPath = "/metrics";

    public static WebApplicationBuilder AddAppTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AppMetrics>();
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        // docker compose passes every OTEL_* variable, empty when not set: empty means unset, as the OTel SDK reads them.
        var serviceName = builder.Configuration["OTEL_SERVICE_NAME"];
        var exporting = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(
                string.IsNullOrWhiteSpace(serviceName) ? builder.Environment.ApplicationName : serviceName))
            .WithTracing(tracing =>
            {
                tracing
                    .AddAspNetCoreInstrumentation(options => options.Filter = context => !context.Request.Path.StartsWithSegments(MetricsPath))
                    .AddHttpClientInstrumentation()
                    .AddNpgsql()
                    .AddSource(QuartzInstrumentation.ActivitySourceName)
                    .AddSource(AppActivities.SourceName);

                // With nowhere to send them, spans are not made at all (a request and each of its statements would
                // otherwise build a span and its tags only to drop them): unless OTEL_TRACES_SAMPLER asks for them.
                if (!exporting && string.IsNullOrWhiteSpace(builder.Configuration["OTEL_TRACES_SAMPLER"]))
                {
                    tracing.SetSampler(new AlwaysOffSampler());
                }
            })
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddMeter(QuartzInstrumentation.MeterName)
                .AddMeter(AppMetrics.MeterName)
                .AddPrometheusExporter());

        if (exporting)
        {
            // Every signal, with the endpoint, protocol, headers and intervals the OTEL_* variables give.
            telemetry.UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>
    /// The Prometheus scrape endpoint: Admins, or callers from the allowed networks; 401/403 to anyone else rather than
    /// a redirect to the sign-in page.
    /// </summary>
    public static WebApplication MapAppTelemetry(this WebApplication app)
    {
        var policy = ScrapeAccess.Policy(ScrapeAccess.AllowedNetworks(app.Configuration));
        app.MapPrometheusScrapingEndpoint(MetricsPath).RequireAuthorization(policy).DisableCookieRedirect();
        return app;
    }
}

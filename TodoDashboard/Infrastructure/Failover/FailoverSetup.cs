namespace TodoDashboard.Infrastructure.Failover;

/// <summary>Moving pages off a stopping instance (<see cref="CircuitDrain"/>).</summary>
public static class FailoverSetup
{
    public static IServiceCollection AddCircuitFailover(this IServiceCollection services)
    {
        services.AddSingleton<CircuitDrain>();
        services.AddHostedService(provider => provider.GetRequiredService<CircuitDrain>());
        return services;
    }

    /// <summary>
    /// While draining, every new request to the circuits' hub (a negotiation, a WebSocket, a resume) answers 503: the
    /// proxy (deploy/nginx/proxy.conf) then sends it to the next instance, where the moved page resumes. The circuits
    /// already open keep their WebSockets until they have paused.
    /// </summary>
    public static WebApplication UseCircuitFailover(this WebApplication app)
    {
        var drain = app.Services.GetRequiredService<CircuitDrain>();
        app.Use(async (context, next) =>
        {
            if (drain.Draining && context.Request.Path.StartsWithSegments("/_blazor"))
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                context.Response.Headers.RetryAfter = "1";
                return;
            }

            await next(context);
        });
        return app;
    }
}

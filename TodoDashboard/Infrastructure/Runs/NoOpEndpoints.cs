using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using TodoDashboard.Infrastructure.Auth;

namespace TodoDashboard.Infrastructure.Runs;

/// <summary>The no-op kind's start endpoint, mapped only where the kind is enabled (tests and the benchmark).</summary>
public static class NoOpEndpoints
{
    public static IEndpointRouteBuilder MapNoOpRunEndpoints(this IEndpointRouteBuilder app)
    {
        if (RunsSetup.NoOpKindEnabled(app.ServiceProvider.GetRequiredService<IConfiguration>()))
        {
            app.MapGroup("/api/runs/noop").WithTags("Runs").RequireAuthorization(AppRoles.Operator)
                .MapPost("", StartNoOpRun).WithName(nameof(StartNoOpRun));
        }

        return app;
    }

    public static async Task<Results<Accepted<RunResponse>, ValidationProblem>> StartNoOpRun(
        NoOpParameters request, ClaimsPrincipal user, RunEngine engine, NoOpKind kind, CancellationToken ct)
    {
        var started = await engine.StartAsync(kind, RunOwner.Of(user), request, ct);
        return started.Value is { } start
            ? TypedResults.Accepted($"/api/runs/{start.Run.Id}", start.Run)
            : TypedResults.ValidationProblem(started.Errors);
    }
}

using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using TodoDashboard.Infrastructure.Auth;
using TodoDashboard.Infrastructure.Runs;
using TodoDashboard.Infrastructure.Validation;

namespace TodoDashboard.Features.MultiDatabase;

public static class MultiDbEndpoints
{
    public static RouteGroupBuilder MapMultiDbEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/multidb").WithTags("Multi-database").RequireAuthorization(AppRoles.Member);

        group.MapPost("/runs", StartMultiDbRun).WithName(nameof(StartMultiDbRun));
        group.MapGet("/runs", ListMultiDbRuns).WithName(nameof(ListMultiDbRuns));
        group.MapGet("/runs/{id:guid}", GetMultiDbRun).WithName(nameof(GetMultiDbRun));
        group.MapGet("/users", ListMultiDbUsers).WithName(nameof(ListMultiDbUsers));
        group.MapGet("/products", ListMultiDbProducts).WithName(nameof(ListMultiDbProducts));
        group.MapGet("/orders", ListMultiDbOrders).WithName(nameof(ListMultiDbOrders));
        return group;
    }

    /// <summary>
    /// Runs the default dataset when the body is empty, or the batch it carries (201, the whole result); a generated
    /// batch at scale starts in the background instead (202, the queued run, to be followed at its Location).
    /// </summary>
    public static async Task<Results<Created<MultiDbRunResult>, Accepted<MultiDbRunResult>, ValidationProblem, ProblemHttpResult>> StartMultiDbRun(
        ClaimsPrincipal user, MultiDbService runs, CancellationToken ct, MultiDbBatch? batch = null)
    {
        batch ??= new MultiDbBatch();
        if (!batch.IsDefaultDataset && !user.Allows(AppRoles.Operator))
        {
            return RoleProblems.ForbiddenResult(AppRoles.Operator, user);
        }

        if (batch.Scale is not null)
        {
            var started = await runs.StartScaleAsync(RunOwner.Of(user), batch, ct);
            return started.Value is { } queued
                ? TypedResults.Accepted($"/api/multidb/runs/{queued.Id}", queued)
                : TypedResults.ValidationProblem(started.Errors);
        }

        var run = await runs.RunAsync(user.GetDisplayName(), batch, ct);
        return run.Value is { } result
            ? TypedResults.Created($"/api/multidb/runs/{result.Id}", result)
            : TypedResults.ValidationProblem(run.Errors);
    }

    /// <summary>The newest runs, stored batches and scale runs together; a scale run's <c>progress</c> says whether it is still going.</summary>
    public static async Task<Ok<IReadOnlyList<MultiDbRunSummary>>> ListMultiDbRuns(
        ClaimsPrincipal user, MultiDbService runs, CancellationToken ct, [Range(1, 200)] int limit = 50) =>
        TypedResults.Ok(await runs.ListRunsAsync(RunViewer.Of(user), limit, ct));

    /// <summary>A run's result; for a scale run, what it has inserted so far, with its <c>progress</c>.</summary>
    public static async Task<Results<Ok<MultiDbRunResult>, NotFound>> GetMultiDbRun(Guid id, ClaimsPrincipal user, MultiDbService runs, CancellationToken ct) =>
        await runs.GetRunAsync(id, RunViewer.Of(user), ct) is { } run ? TypedResults.Ok(run) : TypedResults.NotFound();

    public static async Task<Ok<RowPage<MdbUser>>> ListMultiDbUsers(
        MultiDbService runs, CancellationToken ct, [Range(1, Paging.MaxPage)] int page = 1, [Range(1, 500)] int pageSize = 50) =>
        TypedResults.Ok(await runs.UsersAsync(page, pageSize, ct));

    public static async Task<Ok<RowPage<MdbProduct>>> ListMultiDbProducts(
        MultiDbService runs, CancellationToken ct, [Range(1, Paging.MaxPage)] int page = 1, [Range(1, 500)] int pageSize = 50) =>
        TypedResults.Ok(await runs.ProductsAsync(page, pageSize, ct));

    public static async Task<Ok<RowPage<MdbOrder>>> ListMultiDbOrders(
        MultiDbService runs, CancellationToken ct, [Range(1, Paging.MaxPage)] int page = 1, [Range(1, 500)] int pageSize = 50) =>
        TypedResults.Ok(await runs.OrdersAsync(page, pageSize, ct));
}

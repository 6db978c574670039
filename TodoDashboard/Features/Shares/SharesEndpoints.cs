using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using TodoDashboard.Infrastructure.Auth;
using TodoDashboard.Infrastructure.Runs;
using TodoDashboard.Infrastructure.Validation;

namespace TodoDashboard.Features.Shares;

public static class SharesEndpoints
{
    public static RouteGroupBuilder MapSharesEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/shares").WithTags("Shares").RequireAuthorization(AppRoles.Member);
        // Generating shares and price updates change every share the team sees.
        var operators = group.MapGroup("").RequireAuthorization(AppRoles.Operator);

        operators.MapPost("/generate", GenerateShares).WithName(nameof(GenerateShares));
        operators.MapPost("/price-updates", StartPriceUpdate).WithName(nameof(StartPriceUpdate));
        group.MapGet("/", ListShares).WithName(nameof(ListShares));
        group.MapGet("/{id:int}", GetShare).WithName(nameof(GetShare));
        group.MapGet("/{id:int}/price-updates", GetSharePriceChanges).WithName(nameof(GetSharePriceChanges));
        group.MapGet("/price-updates", ListPriceUpdates).WithName(nameof(ListPriceUpdates));
        group.MapGet("/price-updates/{id:guid}", GetPriceUpdate).WithName(nameof(GetPriceUpdate));
        return group;
    }

    /// <summary>Creates "Share 1".."Share N" at i × 10; shares that exist already are left alone.</summary>
    public static async Task<Ok<GenerateSharesResponse>> GenerateShares(GenerateSharesRequest request, ShareService shares, CancellationToken ct) =>
        TypedResults.Ok(await shares.GenerateAsync(request.Count, ct));

    public static async Task<Ok<SharePage>> ListShares(
        ShareService shares,
        CancellationToken ct,
        [Range(1, Paging.MaxPage)] int page = 1,
        [Range(1, 500)] int pageSize = 50,
        EnumChoice<ShareSort>? sortBy = null,
        EnumChoice<SortOrder>? order = null) =>
        TypedResults.Ok(await shares.ListAsync(page, pageSize, sortBy ?? ShareSort.Id, order ?? SortOrder.Asc, ct));

    public static async Task<Results<Ok<ShareDetails>, NotFound>> GetShare(int id, ShareService shares, CancellationToken ct) =>
        await shares.GetAsync(id, ct) is { } share ? TypedResults.Ok(share) : TypedResults.NotFound();

    public static async Task<Results<Ok<IReadOnlyList<PriceChangeResponse>>, NotFound>> GetSharePriceChanges(
        int id, ShareService shares, CancellationToken ct, [Range(1, 1000)] int limit = 100) =>
        await shares.ShareChangesAsync(id, limit, ct) is { } changes ? TypedResults.Ok(changes) : TypedResults.NotFound();

    /// <summary>Starts a run in the background; 400 naming <c>amount</c> when any share's new price would leave (0, 99,999,999.99].</summary>
    public static async Task<Results<Accepted<PriceUpdateRunResponse>, ValidationProblem>> StartPriceUpdate(
        StartPriceUpdateRequest request, ClaimsPrincipal user, ShareService shares, CancellationToken ct)
    {
        var started = await shares.StartRunAsync(RunOwner.Of(user), request, ct);
        if (started.Value is not { } run)
        {
            return TypedResults.ValidationProblem(started.Errors);
        }

        return TypedResults.Accepted($"/api/shares/price-updates/{run.Id}", run);
    }

    public static async Task<Ok<IReadOnlyList<PriceUpdateRunResponse>>> ListPriceUpdates(ShareService shares, CancellationToken ct) =>
        TypedResults.Ok(await shares.ListRunsAsync(ct));

    public static async Task<Results<Ok<PriceUpdateRunResponse>, NotFound>> GetPriceUpdate(Guid id, ShareService shares, CancellationToken ct) =>
        await shares.GetRunAsync(id, ct) is { } run ? TypedResults.Ok(run) : TypedResults.NotFound();
}

using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using TodoDashboard.Features.Customers.Generation;
using TodoDashboard.Infrastructure;
using TodoDashboard.Infrastructure.Runs;

namespace TodoDashboard.Features.Customers;

public static partial class CustomersEndpoints
{
    internal static void MapGenerationEndpoints(RouteGroupBuilder group, RouteGroupBuilder operators)
    {
        operators.MapPost("/generate", GenerateCustomers).WithName(nameof(GenerateCustomers));
        group.MapGet("/generate", ListCustomerGenerations).WithName(nameof(ListCustomerGenerations));
        group.MapGet("/generate/{id:guid}", GetCustomerGeneration).WithName(nameof(GetCustomerGeneration));
    }

    /// <summary>Starts generating fake customers in the background as a run; one active at a time, across every instance.</summary>
    public static async Task<Results<Accepted<CustomerGenerationRunResponse>, Conflict<ProblemDetails>>> GenerateCustomers(
        GenerateCustomersRequest request, ClaimsPrincipal user, CustomerGenerationService generation, HttpContext http, CancellationToken ct)
    {
        var result = await generation.StartAsync(RunOwner.Of(user), request.Count!.Value, ct);
        var run = result.Run;
        return SingleActiveResults.StartedOrActive(http, result.Started, run, run.Id, $"/api/customers/generate/{run.Id}", "activeRun",
            "A customer generation run is already active.",
            $"Run {run.Id} is {run.Status.ToString().ToLowerInvariant()} ({run.Done:N0} of {run.Count:N0} rows): wait for it to finish.");
    }

    public static async Task<Ok<IReadOnlyList<CustomerGenerationRunResponse>>> ListCustomerGenerations(
        CustomerGenerationService generation, CancellationToken ct) =>
        TypedResults.Ok(await generation.ListRunsAsync(ct));

    public static async Task<Results<Ok<CustomerGenerationRunResponse>, NotFound>> GetCustomerGeneration(
        Guid id, CustomerGenerationService generation, CancellationToken ct) =>
        await generation.GetRunAsync(id, ct) is { } run ? TypedResults.Ok(run) : TypedResults.NotFound();
}

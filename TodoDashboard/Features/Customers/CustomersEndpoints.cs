using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using TodoDashboard.Infrastructure.Auth;
using TodoDashboard.Infrastructure.Concurrency;

namespace TodoDashboard.Features.Customers;

/// <summary>
/// /api/customers: the original demo's optimized listing (same parameter names and values), its naive listing, one customer's
/// CRUD, and the generator. Customers are the whole team's CRM data: every signed-in user sees and edits them.
/// </summary>
public static partial class CustomersEndpoints
{
    public static RouteGroupBuilder MapCustomersEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/customers").WithTags("Customers").RequireAuthorization(AppRoles.Member);
        // Deleting and generating customers change what the whole team searches.
        var operators = group.MapGroup("").RequireAuthorization(AppRoles.Operator);

        group.MapGet("/", ListCustomers).WithName(nameof(ListCustomers)).AddOpenApiOperationTransformer(DescribeQuery);
        group.MapGet("/export", ExportCustomers).WithName(nameof(ExportCustomers)).AddOpenApiOperationTransformer(DescribeQuery);
        group.MapGet("/naive", ListCustomersNaive).WithName(nameof(ListCustomersNaive)).AddOpenApiOperationTransformer(DescribeQuery);
        group.MapGet("/{id:long}", GetCustomer).WithName(nameof(GetCustomer));
        group.MapPost("/", CreateCustomer).WithName(nameof(CreateCustomer));
        group.MapPut("/{id:long}", UpdateCustomer).WithName(nameof(UpdateCustomer)).WithIfMatch();
        operators.MapDelete("/{id:long}", DeleteCustomer).WithName(nameof(DeleteCustomer)).WithIfMatch();
        MapGenerationEndpoints(group, operators);
        return group;
    }

    /// <summary>
    /// Filters: search, first_name, last_name, customer_id, phone_number, gender, country, city, city_code, street,
    /// street_number, has_address, min_points, max_points, birthday_after/_before, created_after/_before,
    /// active_from/_before; sort_by, ordering (ascending|descending), page_size (1–100), cursor (from next/previous).
    /// </summary>
    public static Task<Results<Ok<CustomerPage>, ValidationProblem>> ListCustomers(
        HttpRequest request, CustomerSearch search, CancellationToken ct) =>
        WithQuery(request, parsed => search.SearchAsync(parsed.Query, parsed.Cursor, ct));

    /// <summary>The original demo's naive listing (OFFSET paging by <c>page</c>, ILIKE search, COUNT(*)), kept to compare against.</summary>
    public static Task<Results<Ok<NaiveCustomerPage>, ValidationProblem>> ListCustomersNaive(
        HttpRequest request, NaiveCustomerListing naive, CancellationToken ct) =>
        WithQuery(request, parsed => naive.ListAsync(parsed.Query, parsed.Page, ct));

    private static async Task<Results<Ok<T>, ValidationProblem>> WithQuery<T>(HttpRequest request, Func<CustomerQueryParser, Task<T>> list)
    {
        var parsed = CustomerQueryParser.Parse(request.Query);
        return parsed.IsValid ? TypedResults.Ok(await list(parsed)) : TypedResults.ValidationProblem(parsed.Errors);
    }

    public static async Task<Results<Ok<CustomerResponse>, NotFound>> GetCustomer(
        long id, HttpContext http, CustomerService customers, CancellationToken ct) =>
        await customers.GetAsync(id, ct) is { } customer ? VersionedResults.Ok(http, customer) : TypedResults.NotFound();

    public static async Task<Results<Created<CustomerResponse>, ValidationProblem, ProblemHttpResult>> CreateCustomer(
        CustomerRequest request, HttpContext http, CustomerService customers, CancellationToken ct)
    {
        var result = await customers.CreateAsync(request, ct);
        return result.Status switch
        {
            CustomerWriteStatus.Done => VersionedResults.Created(http, $"/api/customers/{result.Customer!.Id}", result.Customer),
            CustomerWriteStatus.ReservedCustomerId => ReservedCustomerId(),
            _ => DuplicateCustomerId(request),
        };
    }

    public static async Task<Results<Ok<CustomerResponse>, NotFound, ValidationProblem, ProblemHttpResult>> UpdateCustomer(
        long id, CustomerRequest request, [FromHeader(Name = VersionedResults.IfMatchHeader)] string? ifMatch,
        HttpContext http, CustomerService customers, CancellationToken ct)
    {
        if (!VersionedResults.TryReadIfMatch(ifMatch, out var expected, out var malformed))
        {
            return malformed;
        }

        var result = await customers.UpdateAsync(id, request, expected, ct);
        return result.Status switch
        {
            CustomerWriteStatus.Done => VersionedResults.Ok(http, result.Customer!),
            CustomerWriteStatus.NotFound => TypedResults.NotFound(),
            CustomerWriteStatus.Stale => VersionedResults.PreconditionFailed(http, result.Customer!),
            CustomerWriteStatus.ReservedCustomerId => ReservedCustomerId(),
            _ => DuplicateCustomerId(request),
        };
    }

    public static Task<Results<NoContent, NotFound, ValidationProblem, ProblemHttpResult>> DeleteCustomer(
        long id, [FromHeader(Name = VersionedResults.IfMatchHeader)] string? ifMatch,
        HttpContext http, CustomerService customers, CancellationToken ct) =>
        VersionedResults.DeleteAsync(http, ifMatch, expected => customers.DeleteAsync(id, expected, ct));

    // The listings read the query string themselves (to name bad parameters as the original demo does): list them for the docs.
    private static Task DescribeQuery(Microsoft.OpenApi.OpenApiOperation operation, Microsoft.AspNetCore.OpenApi.OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        operation.Parameters ??= [];
        foreach (var name in CustomerQueryParser.Parameters)
        {
            operation.Parameters.Add(new Microsoft.OpenApi.OpenApiParameter
            {
                Name = name,
                In = Microsoft.OpenApi.ParameterLocation.Query,
                Schema = new Microsoft.OpenApi.OpenApiSchema
                {
                    Type = CustomerQueryParser.BooleanParameters.Contains(name) ? Microsoft.OpenApi.JsonSchemaType.Boolean
                        : CustomerQueryParser.IntegerParameters.Contains(name) ? Microsoft.OpenApi.JsonSchemaType.Integer
                        : Microsoft.OpenApi.JsonSchemaType.String,
                },
            });
        }

        return Task.CompletedTask;
    }

    private static ValidationProblem ReservedCustomerId() =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["customerId"] = [CustomerService.ReservedCustomerIdMessage] });

    private static ProblemHttpResult DuplicateCustomerId(CustomerRequest request) =>
        TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]>
        {
            ["customerId"] = [$"A customer with customer id '{request.CustomerId}' exists already."],
        })
        {
            Status = StatusCodes.Status409Conflict,
            Title = "The customer id is taken.",
        });
}

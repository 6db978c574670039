using TodoDashboard.Infrastructure.Auth;

namespace TodoDashboard.Features.Customers;

public static partial class CustomersEndpoints
{
    public static RouteGroupBuilder MapCustomersEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/customers").WithTags("Customers").RequireAuthorization(AuthSetup.ApiPolicy);
        MapGenerationEndpoints(group);
        return group;
    }
}

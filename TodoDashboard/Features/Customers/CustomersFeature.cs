using TodoDashboard.Features.Customers.Generation;

namespace TodoDashboard.Features.Customers;

public static class CustomersFeature
{
    public static IServiceCollection AddCustomersFeature(this IServiceCollection services, IConfiguration configuration) =>
        services.AddCustomerGeneration(configuration);
}

using TodoDashboard.Features.Customers.Generation;
using TodoDashboard.Infrastructure.LiveUpdates;

namespace TodoDashboard.Features.Customers;

public static class CustomersFeature
{
    public static IServiceCollection AddCustomersFeature(this IServiceCollection services, IConfiguration configuration)
    {
        // HybridCache keeps pages in memory and, when an IDistributedCache is registered, shares them through it.
        services.AddHybridCache();
        services.AddSingleton<CustomerCache>();
        services.AddSingleton<CustomerSearch>();
        services.Configure<CustomerExportOptions>(configuration.GetSection("Customers"));
        services.AddSingleton<CustomerService>();
        services.AddSingleton<NaiveCustomerListing>();
        services.AddPostgresChannel(CustomerChange.Channel);
        services.AddHostedService<CustomerCacheInvalidator>();
        services.AddCustomerGeneration(configuration);
        return services;
    }
}

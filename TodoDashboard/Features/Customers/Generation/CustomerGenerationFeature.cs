using TodoDashboard.Infrastructure.Runs;

namespace TodoDashboard.Features.Customers.Generation;

public static class CustomerGenerationFeature
{
    public static IServiceCollection AddCustomerGeneration(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<CustomerGenerationOptions>(configuration.GetSection("Customers"));
        services.AddRunKind<CustomerGenerationKind>();
        services.AddSingleton<CustomerGenerationService>();
        services.AddHostedService<StartupCustomerLoader>();
        return services;
    }
}

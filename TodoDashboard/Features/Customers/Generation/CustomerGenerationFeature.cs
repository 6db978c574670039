using TodoDashboard.Infrastructure;
using TodoDashboard.Infrastructure.LiveUpdates;

namespace TodoDashboard.Features.Customers.Generation;

public static class CustomerGenerationFeature
{
    /// <summary>The NOTIFY channel on which the customer_generation_runs trigger announces a run's id whenever it changes.</summary>
    public const string RunChannel = "customer_generation_events";

    public static IServiceCollection AddCustomerGeneration(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<CustomerGenerationOptions>(configuration.GetSection("Customers"));
        services.AddPostgresChannel(RunChannel);
        services.AddSingleton<CustomerGenerationService>();
        services.AddSingleton<IRecoverableWork>(sp => sp.GetRequiredService<CustomerGenerationService>());
        services.AddSingleton<CustomerGenerationRunner>();
        services.AddTransient<GenerateCustomersJob>();
        services.AddHostedService<CustomerSeeder>();
        return services;
    }
}

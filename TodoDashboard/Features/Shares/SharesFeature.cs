using TodoDashboard.Infrastructure;
using TodoDashboard.Infrastructure.LiveUpdates;

namespace TodoDashboard.Features.Shares;

public static class SharesFeature
{
    /// <summary>The NOTIFY channel on which the price_update_runs trigger announces a run's id whenever it changes.</summary>
    public const string RunChannel = "price_update_events";

    public static IServiceCollection AddSharesFeature(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ShareOptions>(configuration.GetSection("Shares"));
        services.AddPostgresChannel(RunChannel);
        services.AddSingleton<ShareService>();
        services.AddSingleton<IRecoverableWork>(sp => sp.GetRequiredService<ShareService>());
        services.AddTransient<PriceUpdateJob>();
        return services;
    }
}

using TodoDashboard.Infrastructure.Runs;

namespace TodoDashboard.Features.Shares;

public static class SharesFeature
{
    public static IServiceCollection AddSharesFeature(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ShareOptions>(configuration.GetSection("Shares"));
        services.AddRunKind<PriceUpdateKind>();
        services.AddSingleton<ShareService>();
        return services;
    }
}

using TodoDashboard.Infrastructure.Runs;

namespace TodoDashboard.Features.Jobs;

public static class JobsFeature
{
    public static IServiceCollection AddJobsFeature(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<JobOptions>(configuration.GetSection("Jobs"));
        services.AddRunKind<JobKind>();
        services.AddSingleton<JobService>();
        return services;
    }
}

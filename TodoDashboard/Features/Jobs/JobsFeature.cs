using TodoDashboard.Infrastructure;
using TodoDashboard.Infrastructure.LiveUpdates;

namespace TodoDashboard.Features.Jobs;

public static class JobsFeature
{
    public static IServiceCollection AddJobsFeature(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<JobOptions>(configuration.GetSection("Jobs"));
        services.AddPostgresChannel(JobNotifier.Channel);
        services.AddSingleton<JobNotifier>();
        services.AddSingleton<JobService>();
        services.AddTransient<ProcessJobItemsJob>();
        services.AddSingleton<IRecoverableWork>(sp => sp.GetRequiredService<JobService>());
        return services;
    }
}

using Quartz;
using TodoDashboard.Infrastructure.Runs;

namespace TodoDashboard.Infrastructure;

/// <summary>
/// Quartz.NET on the app's PostgreSQL: a persistent, clustered job store, so work started through one
/// instance may run on another, and a job whose instance dies is recovered by a surviving or restarted one.
/// </summary>
public static class QuartzSetup
{
    public static WebApplicationBuilder AddBackgroundJobs(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("DefaultConnection")!;
        var section = builder.Configuration.GetSection("Quartz");
        builder.Services.AddQuartz(quartz =>
        {
            quartz.ConfigureScheduler(scheduler =>
            {
                scheduler.GenerateInstanceId = true;
                scheduler.IdleWaitTime = section.GetValue("IdleWaitTime", TimeSpan.FromSeconds(2));
            });
            quartz.UseDefaultThreadPool(section.GetValue("MaxConcurrency", 10));
            quartz.UsePersistentStore(store =>
            {
                store.UsePostgres(connectionString);
                store.UseSystemTextJsonSerializer();
                store.ProvisionSchema();
                store.UseClustering(cluster =>
                {
                    cluster.CheckinInterval = section.GetValue("CheckinInterval", TimeSpan.FromSeconds(2));
                    cluster.CheckinMisfireThreshold = section.GetValue("CheckinMisfireThreshold", TimeSpan.FromSeconds(6));
                });
            });
        });

        // Jobs are written to survive an instance going away, so shutdown does not wait for them.
        builder.Services.AddQuartzHostedService(options => options.WaitForJobsToComplete = false);
        builder.Services.AddRunEngine(builder.Configuration);
        return builder;
    }
}

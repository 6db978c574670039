using Quartz;
using TodoDashboard.Infrastructure.LiveUpdates;

namespace TodoDashboard.Infrastructure.Runs;

public static class RunsSetup
{
    /// <summary>The run engine: its services, the recovery sweep, and the recurring retention clean-up.</summary>
    public static IServiceCollection AddRunEngine(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection("Runs");
        services.Configure<RunsOptions>(section);
        services.AddPostgresChannel(NotificationChannels.Runs);
        services.AddSingleton<RunNotifier>();
        services.AddSingleton<RunKinds>();
        services.AddSingleton<RunLog>();
        services.AddSingleton<RunEngine>();
        services.AddSingleton<RunExecutor>();
        services.AddSingleton<RunEventFeed>();
        services.AddTransient<RunJob>();
        services.AddTransient<RunRetention>();
        services.AddHostedService<RunRecovery>();
        if (NoOpKindEnabled(configuration))
        {
            services.AddRunKind<NoOpKind>();
        }

        var interval = section.GetSection("Retention").GetValue("Interval", new RunRetentionOptions().Interval);
        services.AddQuartz(quartz => quartz.ScheduleJob<RunRetention>(
            trigger => trigger.WithIdentity("retention", "runs-maintenance")
                .StartAt(DateTimeOffset.UtcNow + TimeSpan.FromMinutes(1))
                .WithSimpleSchedule(schedule => schedule.WithInterval(interval).RepeatForever()),
            job => job.WithIdentity(RunRetention.Key)));
        return services;
    }

    /// <summary>Whether the no-op kind and its start endpoint exist (<see cref="RunsOptions.EnableNoOpKind"/>).</summary>
    public static bool NoOpKindEnabled(IConfiguration configuration) =>
        configuration.GetValue<bool>($"Runs:{nameof(RunsOptions.EnableNoOpKind)}");

    /// <summary>Registers a kind of background work with the engine.</summary>
    public static IServiceCollection AddRunKind<TKind>(this IServiceCollection services)
        where TKind : class, IRunKind
    {
        services.AddSingleton<TKind>();
        services.AddSingleton<IRunKind>(sp => sp.GetRequiredService<TKind>());
        return services;
    }
}

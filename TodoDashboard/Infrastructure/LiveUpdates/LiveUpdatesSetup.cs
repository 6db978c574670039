namespace TodoDashboard.Infrastructure.LiveUpdates;

public static class LiveUpdatesSetup
{
    public static IServiceCollection AddPostgresChannel(this IServiceCollection services, string channel)
    {
        services.AddSingleton(new PostgresChannel(channel));
        if (!services.Any(s => s.ServiceType == typeof(PostgresNotificationHub)))
        {
            services.AddSingleton<PostgresNotificationHub>();
            services.AddHostedService<PostgresNotificationListener>();
        }

        return services;
    }
}

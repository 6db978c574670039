namespace TodoDashboard.Features.Operations;

public static class OperationsFeature
{
    // The engine itself is infrastructure (AddBackgroundJobs); this is the API over it.
    public static IServiceCollection AddOperationsFeature(this IServiceCollection services) =>
        services.AddSingleton<RunEventFeed>();
}

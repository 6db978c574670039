using StackExchange.Redis;

namespace TodoDashboard.Infrastructure;

/// <summary>
/// A shared (distributed) cache behind HybridCache, when ConnectionStrings:Redis is set: pages one instance computed
/// serve every instance, and survive restarts. Without it each instance caches in its own memory.
/// </summary>
public static class DistributedCacheSetup
{
    public const string ConnectionName = "Redis";

    public static bool IsConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration.GetConnectionString(ConnectionName));

    public static WebApplicationBuilder AddDistributedCacheIfConfigured(this WebApplicationBuilder builder)
    {
        if (!IsConfigured(builder.Configuration))
        {
            return builder;
        }

        builder.Services.AddStackExchangeRedisCache(options =>
        {
            var redis = ConfigurationOptions.Parse(builder.Configuration.GetConnectionString(ConnectionName)!);
            // A cache that is down must cost a request nothing: start without it and reconnect in the background,
            // and fail a command at once instead of queueing it until a timeout (a failed read is a miss).
            redis.AbortOnConnectFail = false;
            redis.BacklogPolicy = BacklogPolicy.FailFast;
            options.ConfigurationOptions = redis;
            // Keys of apps (or test databases) sharing one Redis stay apart.
            options.InstanceName = builder.Configuration["Redis:InstanceName"] ?? "TodoDashboard:";
        });

        return builder;
    }
}

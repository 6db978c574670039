using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace TodoDashboard.Tests.Infrastructure.Fuzz;

/// <summary>The app with a log that keeps each server error's exception, to name the cause of a 5xx.</summary>
public sealed class FuzzFactory : TodoDashboardFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.AddHttpContextAccessor();
            services.AddSingleton<ServerErrorLog>();
            services.AddSingleton<ILoggerProvider>(provider => provider.GetRequiredService<ServerErrorLog>());
        });
    }
}

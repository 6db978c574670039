using Microsoft.AspNetCore.Identity;
using TodoDashboard.Data;

namespace TodoDashboard.Infrastructure.Auth;

/// <summary>In Development, makes sure the demo account from DemoAccount:Email/Password exists and prints it.</summary>
internal sealed partial class DemoAccountSeeder(
    IServiceScopeFactory scopeFactory,
    IConfiguration configuration,
    IHostEnvironment environment,
    ILogger<DemoAccountSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var email = configuration["DemoAccount:Email"];
        var password = configuration["DemoAccount:Password"];
        if (!environment.IsDevelopment() || string.IsNullOrEmpty(email) || string.IsNullOrEmpty(password))
        {
            return;
        }

        await using var scope = scopeFactory.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        if (await users.FindByEmailAsync(email) is null)
        {
            var result = await users.CreateAsync(new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true }, password);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(
                    $"Could not create the demo account: {string.Join(" ", result.Errors.Select(e => e.Description))}");
            }
        }

        LogDemoAccount(logger, email, password);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo account: {Email} / {Password}")]
    private static partial void LogDemoAccount(ILogger logger, string email, string password);
}

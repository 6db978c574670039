using Microsoft.Extensions.Options;

namespace TodoDashboard.Infrastructure.Auth;

/// <summary>
/// At start: the accounts in Auth:Admins that exist are Admins; in Development the demo account from
/// DemoAccount:Email/Password exists, as an Admin, so a newcomer can try everything. Production never creates it.
/// </summary>
internal sealed partial class StartupAccounts(
    IServiceScopeFactory scopeFactory,
    IConfiguration configuration,
    IOptions<AuthOptions> auth,
    IHostEnvironment environment,
    ILogger<StartupAccounts> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var admins = scope.ServiceProvider.GetRequiredService<AdminAccounts>();
        foreach (var email in auth.Value.Admins.Where(e => !string.IsNullOrWhiteSpace(e)))
        {
            if (await admins.PromoteIfExistsAsync(email.Trim()))
            {
                LogConfiguredAdmin(logger, email);
            }
        }

        var demoEmail = configuration["DemoAccount:Email"];
        var demoPassword = configuration["DemoAccount:Password"];
        if (!environment.IsDevelopment() || string.IsNullOrEmpty(demoEmail) || string.IsNullOrEmpty(demoPassword))
        {
            return;
        }

        var (_, _, errors) = await admins.CreateOrPromoteAsync(demoEmail, demoPassword);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"Could not create the demo account: {string.Join(" ", errors)}");
        }

        LogDemoAccount(logger, demoEmail, demoPassword);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo account (Admin): {Email} / {Password}")]
    private static partial void LogDemoAccount(ILogger logger, string email, string password);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Email} is an Admin (Auth:Admins).")]
    private static partial void LogConfiguredAdmin(ILogger logger, string email);
}

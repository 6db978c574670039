using TodoDashboard.Infrastructure.Auth;

namespace TodoDashboard.Features.Admin;

/// <summary>
/// <c>./run.sh create-admin EMAIL</c> (or <c>dotnet run --project TodoDashboard -- create-admin EMAIL</c>): makes the account
/// an Admin, creating it with a generated password (printed once) when there is none, then exits.
/// </summary>
public static class CreateAdminCommand
{
    public const string Name = "create-admin";

    public static async Task<bool> RunCreateAdminCommandAsync(this WebApplication app, string[] args)
    {
        var at = Array.IndexOf(args, Name);
        if (at < 0)
        {
            return false;
        }

        var email = at + 1 < args.Length ? args[at + 1].Trim() : "";
        if (!System.Net.Mail.MailAddress.TryCreate(email, out _))
        {
            await Console.Error.WriteLineAsync($"Usage: {Name} EMAIL   ('{email}' is not an email address)");
            Environment.ExitCode = 2;
            return true;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var (created, password, errors) = await scope.ServiceProvider.GetRequiredService<AdminAccounts>().CreateOrPromoteAsync(email);
        if (errors.Count > 0)
        {
            await Console.Error.WriteLineAsync($"Could not make {email} an admin: {string.Join(" ", errors)}");
            Environment.ExitCode = 1;
        }
        else if (created)
        {
            Console.WriteLine($"Created {email} as an Admin. Password (shown once, change it under Account): {password}");
        }
        else
        {
            Console.WriteLine($"{email} is an Admin.");
        }

        return true;
    }
}

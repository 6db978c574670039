using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using TodoDashboard.Infrastructure.Auth;

namespace TodoDashboard.Tests.Features.Admin;

/// <summary><c>create-admin EMAIL</c> as a real process on the database of an in-process instance, which then checks the account.</summary>
public partial class CreateAdminCommandTests(TodoDashboardFactory factory) : IClassFixture<TodoDashboardFactory>
{
    [Fact]
    public async Task For_a_new_email_it_exits_0_and_prints_a_password_that_signs_in_an_admin()
    {
        var email = ApiClientExtensions.NewEmail();

        var (exitCode, output) = await AppProcess.RunCommandAsync(factory.Database.ConnectionString, "create-admin", email);

        Assert.True(exitCode == 0, output);
        var password = PrintedPassword().Match(output);
        Assert.True(password.Success, output);
        Assert.Contains($"Created {email} as an Admin.", output, StringComparison.Ordinal);
        var client = factory.CreateClient();
        var tokens = await client.LoginAsync(email, password.Groups["password"].Value);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        var me = Assert.Single((await client.ListUsersAsync($"?search={email}")).Results);
        Assert.Equal([AppRoles.Member, AppRoles.Admin], me.Roles);
    }

    [Fact]
    public async Task For_an_existing_member_it_promotes_them_and_keeps_their_password()
    {
        // Signed in but not yet used: the token's first request reads the roles the command gave.
        var member = await factory.CreateAccountAsync();

        var (exitCode, output) = await AppProcess.RunCommandAsync(factory.Database.ConnectionString, "create-admin", member.Email.ToUpperInvariant());

        Assert.True(exitCode == 0, output);
        Assert.Contains("is an Admin.", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Password", output, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, await factory.CreateClient().LoginStatusAsync(member.Email));
        Assert.Equal([AppRoles.Member, AppRoles.Admin], (await member.Client.GetUserAsync(member.Id)).Roles);
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("")]
    public async Task A_bad_or_missing_email_exits_non_zero_with_the_usage(string email)
    {
        string[] args = email.Length == 0 ? ["create-admin"] : ["create-admin", email];

        var (exitCode, output) = await AppProcess.RunCommandAsync(factory.Database.ConnectionString, args);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Usage: create-admin EMAIL", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Password", output, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"Password \(shown once, change it under Account\): (?<password>\S+)")]
    private static partial Regex PrintedPassword();
}

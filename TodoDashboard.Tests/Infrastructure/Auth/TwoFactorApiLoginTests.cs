using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using TodoDashboard.Data;

namespace TodoDashboard.Tests.Infrastructure.Auth;

/// <summary>/api/auth/login for an account with two-factor sign-in: the password alone gets a 401 asking for the code; a recovery code with it gets the tokens, once.</summary>
public class TwoFactorApiLoginTests(TodoDashboardFactory factory) : IClassFixture<TodoDashboardFactory>
{
    [Fact]
    public async Task The_password_alone_asks_for_the_code_and_a_recovery_code_signs_in_once()
    {
        var client = factory.CreateClient();
        var email = await client.RegisterAsync();
        string recoveryCode;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            var user = (await users.FindByEmailAsync(email))!;
            await users.ResetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
            recoveryCode = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 1))!.Single();
        }

        var passwordOnly = await client.PostAsJsonAsync("/api/auth/login", new { email, password = ApiClientExtensions.Password });
        var withCode = await client.PostAsJsonAsync("/api/auth/login", new { email, password = ApiClientExtensions.Password, twoFactorRecoveryCode = recoveryCode });
        var codeAgain = await client.PostAsJsonAsync("/api/auth/login", new { email, password = ApiClientExtensions.Password, twoFactorRecoveryCode = recoveryCode });

        Assert.Equal(HttpStatusCode.Unauthorized, passwordOnly.StatusCode);
        Assert.Contains("twoFactorCode", (await passwordOnly.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, withCode.StatusCode);
        Assert.False(string.IsNullOrEmpty((await withCode.Content.ReadFromJsonAsync<AccessTokens>())?.AccessToken));
        Assert.Equal(HttpStatusCode.Unauthorized, codeAgain.StatusCode);
    }
}

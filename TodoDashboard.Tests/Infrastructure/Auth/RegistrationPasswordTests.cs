using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using TodoDashboard.Data;

namespace TodoDashboard.Tests.Infrastructure.Auth;

/// <summary>The password policy (OWASP ASVS 4.0.3 level 2, V2.1) as registration applies it, through the API and the register page.</summary>
public class RegistrationPasswordTests(TodoDashboardFactory factory) : IClassFixture<TodoDashboardFactory>
{
    [Theory]
    [InlineData("short-pw-1")]
    [InlineData("elevenchars")]
    [InlineData("password1234")]
    [InlineData("Qwerty123456")]
    [InlineData("sunshine2024!")]
    public async Task Register_refuses_a_short_or_common_password_naming_the_password(string password)
    {
        var response = await factory.CreateClient().PostAsJsonAsync("/api/auth/register", new { email = ApiClientExtensions.NewEmail(), password });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("password", out _), errors.ToString());
    }

    [Fact]
    public async Task Register_accepts_a_long_uncommon_password_without_digits_or_symbols()
    {
        var response = await factory.CreateClient().PostAsJsonAsync("/api/auth/register", new { email = ApiClientExtensions.NewEmail(), password = "correct horse battery staple" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("short-pw-1", "at least 12")]
    [InlineData("password1234", "commonly used")]
    public async Task The_register_page_refuses_a_short_or_common_password(string password, string message)
    {
        var email = ApiClientExtensions.NewEmail();

        var response = await factory.CreateBrowser().SubmitRegisterAsync(email, password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(email));
    }

    [Fact]
    public void The_common_password_list_is_a_real_one()
    {
        Assert.True(TodoDashboard.Infrastructure.Auth.PasswordPolicyValidator.CommonPasswordCount >= 10_000);
    }
}

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
        Assert.Contains(AccountForms.MessagesUnder(await response.Content.ReadAsStringAsync(), "Input.Password"), m => m.Contains(message, StringComparison.Ordinal));
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.Null(await scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>().FindByEmailAsync(email));
    }

    [Fact]
    public async Task The_change_password_page_shows_a_refused_new_password_under_it_and_a_wrong_current_one_under_that()
    {
        var email = await factory.CreateClient().RegisterAsync();
        var browser = factory.CreateBrowser();
        await browser.SubmitLoginAsync(email, ApiClientExtensions.Password);

        var common = await ChangePasswordAsync(browser, ApiClientExtensions.Password, "password1234");
        var wrong = await ChangePasswordAsync(browser, "not-the-password-1", "correct horse battery staple");

        Assert.Contains(AccountForms.MessagesUnder(common, "Input.NewPassword"), m => m.Contains("commonly used", StringComparison.Ordinal));
        Assert.Empty(AccountForms.MessagesUnder(common, "Input.OldPassword"));
        Assert.Contains(AccountForms.MessagesUnder(wrong, "Input.OldPassword"), m => m.Contains("Incorrect password", StringComparison.Ordinal));
        Assert.DoesNotContain("role=\"alert\"", wrong, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changing_the_password_keeps_this_browser_signed_in_and_ends_a_copy_of_its_old_cookie()
    {
        var email = await factory.CreateClient().RegisterAsync();
        var browser = factory.CreateBrowser();
        var oldCookie = (await browser.SubmitLoginAsync(email, ApiClientExtensions.Password)).IdentityCookie();

        var changed = await browser.PostFormAsync("/Account/Manage/ChangePassword", "change-password", new Dictionary<string, string>
        {
            ["Input.OldPassword"] = ApiClientExtensions.Password,
            ["Input.NewPassword"] = "correct horse battery staple",
            ["Input.ConfirmPassword"] = "correct horse battery staple",
        });

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await factory.StatusWithCookieAsync(changed.IdentityCookie()));
        Assert.Equal(HttpStatusCode.Unauthorized, await factory.StatusWithCookieAsync(oldCookie));
    }

    private static async Task<string> ChangePasswordAsync(HttpClient browser, string current, string next)
    {
        var response = await browser.PostFormAsync("/Account/Manage/ChangePassword", "change-password", new Dictionary<string, string>
        {
            ["Input.OldPassword"] = current,
            ["Input.NewPassword"] = next,
            ["Input.ConfirmPassword"] = next,
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public void The_common_password_list_is_a_real_one()
    {
        Assert.True(TodoDashboard.Infrastructure.Auth.PasswordPolicyValidator.CommonPasswordCount >= 10_000);
    }
}

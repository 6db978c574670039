using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using TodoDashboard.Components.Layout;
using TodoDashboard.Data;
using TodoDashboard.Tests.Infrastructure.Auth;

namespace TodoDashboard.Tests.Components.Layout;

/// <summary>The theme toggle's form: remembered in the browser, on the account when signed in, and refused when it makes no sense.</summary>
public sealed class ThemeEndpointsTests(TodoDashboardFactory factory) : IClassFixture<TodoDashboardFactory>
{
    [Fact]
    public async Task Signed_out_the_choice_is_a_cookie_and_the_next_page_is_painted_dark()
    {
        var browser = factory.CreateBrowser();

        var response = await browser.PostFormAsync("/Account/Login", "", Theme("Dark", "Account/Login?ReturnUrl=%2Ftodos"), action: "/Account/Theme");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/Login?ReturnUrl=%2Ftodos", response.Headers.Location?.OriginalString);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith($"{ThemeChoice.PreferenceCookie}=Dark;", StringComparison.Ordinal));
        var page = await browser.GetStringAsync("/Account/Login");
        Assert.Contains("data-theme=\"Dark\"", page, StringComparison.Ordinal);
        Assert.Contains($"--mud-palette-background: {AppTheme.Theme.PaletteDark.Background}", page, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Signed_in_the_account_keeps_one_choice_for_its_next_browser()
    {
        var browser = factory.CreateBrowser();
        var email = await factory.CreateClient().RegisterAsync();
        await browser.SubmitLoginAsync(email, ApiClientExtensions.Password);

        await browser.PostFormAsync("/Account/Manage", "", Theme("Light", "Account/Manage"), action: "/Account/Theme");
        var response = await browser.PostFormAsync("/Account/Manage", "", Theme("Dark", "Account/Manage"), action: "/Account/Theme");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var claims = await users.GetClaimsAsync((await users.FindByEmailAsync(email))!);
        Assert.Equal(["Dark"], claims.Where(c => c.Type == ThemeChoice.PreferenceClaim).Select(c => c.Value));

        var elsewhere = factory.CreateBrowser();
        await elsewhere.SubmitLoginAsync(email, ApiClientExtensions.Password);
        Assert.Contains("data-theme=\"Dark\"", await elsewhere.GetStringAsync("/Account/Manage"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Sepia")]
    [InlineData("1")]
    [InlineData("")]
    public async Task An_unknown_theme_is_a_400_naming_the_field(string preference)
    {
        var response = await factory.CreateBrowser().PostFormAsync("/Account/Login", "", Theme(preference, "todos"), action: "/Account/Theme");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"preference\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_post_without_the_pages_antiforgery_token_changes_nothing()
    {
        var response = await factory.CreateBrowser().PostAsync("/Account/Theme", new FormUrlEncodedContent(Theme("Dark", "todos")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies)
            && cookies.Any(c => c.StartsWith(ThemeChoice.PreferenceCookie, StringComparison.Ordinal)));
    }

    private static Dictionary<string, string> Theme(string preference, string returnUrl) =>
        new() { ["preference"] = preference, ["returnUrl"] = returnUrl };
}

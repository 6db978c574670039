using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace TodoDashboard.Tests.Infrastructure.Auth;

/// <summary>Sign-out to OWASP ASVS 4.0.3 level 2 (V3): by script or in the browser, it ends every session of the account.</summary>
public class SignOutTests(TodoDashboardFactory factory) : IClassFixture<TodoDashboardFactory>
{
    [Fact]
    public async Task Logout_by_script_ends_its_token_the_accounts_other_tokens_and_a_copied_cookie()
    {
        var browser = factory.CreateBrowser();
        var email = await factory.CreateClient().RegisterAsync();
        var signedIn = await browser.SubmitLoginAsync(email, ApiClientExtensions.Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var cookie = signedIn.IdentityCookie();
        var script = factory.CreateClient();
        var tokens = await script.LoginAsync(email, ApiClientExtensions.Password);
        var other = await script.LoginAsync(email, ApiClientExtensions.Password);
        Assert.Equal(HttpStatusCode.OK, await factory.StatusWithCookieAsync(cookie));

        using var logout = new HttpRequestMessage(HttpMethod.Post, "/api/auth/logout");
        logout.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        Assert.Equal(HttpStatusCode.NoContent, (await script.SendAsync(logout)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, await factory.StatusWithTokenAsync(tokens.AccessToken));
        Assert.Equal(HttpStatusCode.Unauthorized, await factory.StatusWithTokenAsync(other.AccessToken));
        Assert.Equal(HttpStatusCode.Unauthorized, (await script.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = other.RefreshToken })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await factory.StatusWithCookieAsync(cookie));
    }

    [Fact]
    public async Task Logout_in_the_browser_ends_the_accounts_tokens_and_copies_of_its_cookie()
    {
        var browser = factory.CreateBrowser();
        var email = await factory.CreateClient().RegisterAsync();
        var cookie = (await browser.SubmitLoginAsync(email, ApiClientExtensions.Password)).IdentityCookie();
        var tokens = await factory.CreateClient().LoginAsync(email, ApiClientExtensions.Password);

        var loggedOut = await browser.PostFormAsync("/Account/Manage", "logout", new Dictionary<string, string>(), action: "/Account/Logout");

        Assert.Equal(HttpStatusCode.Redirect, loggedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await factory.StatusWithTokenAsync(tokens.AccessToken));
        Assert.Equal(HttpStatusCode.Unauthorized, await factory.StatusWithCookieAsync(cookie));
    }
}

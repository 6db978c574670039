using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace TodoDashboard.Tests.Infrastructure.Auth;

/// <summary>
/// The two endpoints the passkey buttons' script calls: each needs the page's antiforgery token (a 400 naming it
/// otherwise), creation needs a signed-in account (a visitor's fetch gets 401, not the sign-in page), and the sign-in
/// options name no account.
/// </summary>
public class PasskeyOptionsEndpointsTests(TodoDashboardFactory factory) : IClassFixture<TodoDashboardFactory>
{
    private const string TokenHeader = "RequestVerificationToken";

    [Fact]
    public async Task Creation_options_for_a_signed_in_account_name_it_and_this_site()
    {
        var (browser, email) = await SignedInBrowserAsync();
        var token = await browser.PageTokenAsync("/Account/Manage/Passkeys");

        using var response = await PostAsync(browser, "/Account/PasskeyCreationOptions", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var options = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("localhost", options.GetProperty("rp").GetProperty("id").GetString());
        Assert.Equal(email, options.GetProperty("user").GetProperty("name").GetString());
        Assert.Equal("required", options.GetProperty("authenticatorSelection").GetProperty("residentKey").GetString());
        Assert.False(string.IsNullOrEmpty(options.GetProperty("challenge").GetString()));
    }

    [Fact]
    public async Task Creation_options_without_the_pages_token_are_a_400_naming_it()
    {
        var (browser, _) = await SignedInBrowserAsync();
        await browser.PageTokenAsync("/Account/Manage/Passkeys");

        using var response = await PostAsync(browser, "/Account/PasskeyCreationOptions", token: null);

        await AssertTokenRefusedAsync(response);
    }

    [Fact]
    public async Task Creation_options_for_a_visitor_are_a_401_not_a_redirect()
    {
        var browser = factory.CreateBrowser();
        var token = await browser.PageTokenAsync("/Account/Login");

        using var response = await PostAsync(browser, "/Account/PasskeyCreationOptions", token);

        // The cookie handler still names the login page in Location, but answers 401: a fetch does not follow it.
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Creation_options_with_the_token_the_browser_had_before_signing_in_are_a_400()
    {
        var email = await factory.CreateClient().RegisterAsync();
        var browser = factory.CreateBrowser();
        var visitorsToken = await browser.PageTokenAsync("/Account/Login");
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SubmitLoginAsync(email, ApiClientExtensions.Password)).StatusCode);

        using var response = await PostAsync(browser, "/Account/PasskeyCreationOptions", visitorsToken);

        await AssertTokenRefusedAsync(response);
    }

    [Fact]
    public async Task Request_options_for_a_visitor_name_no_account()
    {
        var browser = factory.CreateBrowser();
        var token = await browser.PageTokenAsync("/Account/Login");

        using var response = await PostAsync(browser, "/Account/PasskeyRequestOptions", token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var options = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("localhost", options.GetProperty("rpId").GetString());
        Assert.False(string.IsNullOrEmpty(options.GetProperty("challenge").GetString()));
        Assert.True(!options.TryGetProperty("allowCredentials", out var allowed) || allowed.GetArrayLength() == 0, $"The options list credentials: {options}");
    }

    [Fact]
    public async Task Request_options_without_the_pages_token_are_a_400_naming_it()
    {
        var browser = factory.CreateBrowser();
        await browser.PageTokenAsync("/Account/Login");

        using var response = await PostAsync(browser, "/Account/PasskeyRequestOptions", token: null);

        await AssertTokenRefusedAsync(response);
    }

    private async Task<(HttpClient Browser, string Email)> SignedInBrowserAsync()
    {
        var email = await factory.CreateClient().RegisterAsync();
        var browser = factory.CreateBrowser();
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SubmitLoginAsync(email, ApiClientExtensions.Password)).StatusCode);
        return (browser, email);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient browser, string url, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url);
        if (token is not null)
        {
            request.Headers.Add(TokenHeader, token);
        }

        return browser.SendAsync(request);
    }

    private static async Task AssertTokenRefusedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(
            problem.GetProperty("errors").EnumerateObject().Any(e => string.Equals(e.Name, TokenHeader, StringComparison.OrdinalIgnoreCase)),
            $"The problem does not name {TokenHeader}: {problem}");
    }
}

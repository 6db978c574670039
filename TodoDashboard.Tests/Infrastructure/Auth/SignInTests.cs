using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using TodoDashboard.Data;

namespace TodoDashboard.Tests.Infrastructure.Auth;

/// <summary>Sign-in to OWASP ASVS 4.0.3 level 2 (V2, V3): tokens that rotate, sign-out that ends every session, the password policy, no account enumeration.</summary>
public class SignInTests(TodoDashboardFactory factory) : IClassFixture<TodoDashboardFactory>
{
    [Fact]
    public async Task A_used_refresh_token_is_refused_and_its_reuse_ends_the_tokens_issued_from_it()
    {
        var client = factory.CreateClient();
        var email = await RegisterAsync(client);
        var first = await client.LoginAsync(email, ApiClientExtensions.Password);

        var second = await (await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = first.RefreshToken })).ReadAsync<AccessTokens>();
        Assert.Equal(HttpStatusCode.OK, await StatusWithTokenAsync(second.AccessToken));

        var reused = await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = first.RefreshToken });

        Assert.Equal(HttpStatusCode.Unauthorized, reused.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithTokenAsync(second.AccessToken));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = second.RefreshToken })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/auth/login", new { email, password = ApiClientExtensions.Password })).StatusCode);
    }

    [Fact]
    public async Task Each_refresh_gives_a_refresh_token_that_works_once()
    {
        var client = factory.CreateClient();
        var email = await RegisterAsync(client);
        var tokens = await client.LoginAsync(email, ApiClientExtensions.Password);

        for (var i = 0; i < 3; i++)
        {
            var response = await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = tokens.RefreshToken });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var next = await response.ReadAsync<AccessTokens>();
            Assert.NotEqual(tokens.RefreshToken, next.RefreshToken);
            tokens = next;
        }

        Assert.Equal(HttpStatusCode.OK, await StatusWithTokenAsync(tokens.AccessToken));
    }

    [Fact]
    public async Task Logout_by_script_ends_its_token_the_accounts_other_tokens_and_a_copied_cookie()
    {
        var browser = factory.CreateBrowser();
        var email = await RegisterAsync(factory.CreateClient());
        var signedIn = await browser.SubmitLoginAsync(email, ApiClientExtensions.Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var cookie = signedIn.IdentityCookie();
        var script = factory.CreateClient();
        var tokens = await script.LoginAsync(email, ApiClientExtensions.Password);
        var other = await script.LoginAsync(email, ApiClientExtensions.Password);
        Assert.Equal(HttpStatusCode.OK, await StatusWithCookieAsync(cookie));

        using var logout = new HttpRequestMessage(HttpMethod.Post, "/api/auth/logout");
        logout.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        Assert.Equal(HttpStatusCode.NoContent, (await script.SendAsync(logout)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithTokenAsync(tokens.AccessToken));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithTokenAsync(other.AccessToken));
        Assert.Equal(HttpStatusCode.Unauthorized, (await script.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = other.RefreshToken })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithCookieAsync(cookie));
    }

    [Fact]
    public async Task Logout_in_the_browser_ends_the_accounts_tokens_and_copies_of_its_cookie()
    {
        var browser = factory.CreateBrowser();
        var email = await RegisterAsync(factory.CreateClient());
        var cookie = (await browser.SubmitLoginAsync(email, ApiClientExtensions.Password)).IdentityCookie();
        var tokens = await factory.CreateClient().LoginAsync(email, ApiClientExtensions.Password);

        var loggedOut = await browser.PostFormAsync("/Account/Manage", "logout", new Dictionary<string, string>(), action: "/Account/Logout");

        Assert.Equal(HttpStatusCode.Redirect, loggedOut.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithTokenAsync(tokens.AccessToken));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithCookieAsync(cookie));
    }

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

    [Fact]
    public async Task Login_answers_an_unknown_email_as_it_answers_a_wrong_password_and_a_locked_account()
    {
        var client = factory.CreateClient();
        var email = await RegisterAsync(client);

        var unknown = await client.PostAsJsonAsync("/api/auth/login", new { email = ApiClientExtensions.NewEmail(), password = ApiClientExtensions.Password });
        var wrong = await client.PostAsJsonAsync("/api/auth/login", new { email, password = "Wrong-passphrase-1" });
        for (var i = 0; i < 5; i++)
        {
            await client.PostAsJsonAsync("/api/auth/login", new { email, password = "Wrong-passphrase-1" });
        }

        var locked = await client.PostAsJsonAsync("/api/auth/login", new { email, password = ApiClientExtensions.Password });

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized], new[] { unknown.StatusCode, wrong.StatusCode, locked.StatusCode });
        var bodies = new[] { await BodyAsync(unknown), await BodyAsync(wrong), await BodyAsync(locked) };
        Assert.Equal(bodies[0], bodies[1]);
        Assert.Equal(bodies[0], bodies[2]);
    }

    [Fact]
    public async Task The_login_page_answers_an_unknown_email_as_it_answers_a_wrong_password()
    {
        var email = await RegisterAsync(factory.CreateClient());

        var unknown = await factory.CreateBrowser().SubmitLoginAsync(ApiClientExtensions.NewEmail(), ApiClientExtensions.Password);
        var wrong = await factory.CreateBrowser().SubmitLoginAsync(email, "Wrong-passphrase-1");

        Assert.Equal(unknown.StatusCode, wrong.StatusCode);
        Assert.Equal(ErrorAlert(await unknown.Content.ReadAsStringAsync()), ErrorAlert(await wrong.Content.ReadAsStringAsync()));
    }

    [Theory]
    [InlineData("/api/auth/register", """{"email":null,"password":"correct horse battery"}""", "email")]
    [InlineData("/api/auth/register", """{"email":"a@example.com","password":null}""", "password")]
    [InlineData("/api/auth/login", """{"email":null,"password":null}""", "email")]
    [InlineData("/api/auth/login", """{"email":"a@example.com"}""", "password")]
    [InlineData("/api/auth/refresh", """{"refreshToken":null}""", "refreshToken")]
    [InlineData("/api/auth/register", """{"email":"a\uFFFEb@example.com","password":"correct horse battery"}""", "email")]
    [InlineData("/api/auth/login", """{"email":"a\uFFFEb@example.com","password":"correct horse battery"}""", "email")]
    public async Task Null_or_malformed_fields_are_a_400_naming_the_field(string path, string body, string field)
    {
        var response = await factory.CreateClient().PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), errors.ToString());
    }

    [Theory]
    [InlineData("/api/auth/register")]
    [InlineData("/api/auth/login")]
    public async Task An_email_longer_than_256_characters_is_a_400_naming_the_email(string path)
    {
        var email = new string('a', 250) + "@example.com";

        var response = await factory.CreateClient().PostAsJsonAsync(path, new { email, password = ApiClientExtensions.Password });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("email", out _));
    }

    [Fact]
    public async Task The_login_page_refuses_an_email_with_a_noncharacter_without_an_error_page()
    {
        var response = await factory.CreateBrowser().SubmitLoginAsync("a\uFFFEb@example.com", ApiClientExtensions.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("must be an email address", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("POST", "/api/auth/forgotPassword")]
    [InlineData("POST", "/api/auth/resetPassword")]
    [InlineData("GET", "/api/auth/confirmEmail?userId=x&code=x")]
    [InlineData("POST", "/api/auth/resendConfirmationEmail")]
    [InlineData("POST", "/api/auth/manage/2fa")]
    [InlineData("POST", "/api/auth/manage/info")]
    public async Task Identity_endpoints_the_app_does_not_support_are_not_mapped(string method, string path)
    {
        var client = await factory.CreateUserClientAsync();

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { email = "a@example.com" }) });

        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed });
    }

    [Fact]
    public async Task Manage_info_names_the_signed_in_account_and_its_roles()
    {
        var email = ApiClientExtensions.NewEmail();
        var client = await factory.CreateUserClientAsync(email);

        var info = await (await client.GetAsync("/api/auth/manage/info")).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(email, info.GetProperty("email").GetString());
        Assert.Equal(["Member"], info.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    private static async Task<string> RegisterAsync(HttpClient client)
    {
        var email = ApiClientExtensions.NewEmail();
        (await client.PostAsJsonAsync("/api/auth/register", new { email, password = ApiClientExtensions.Password })).EnsureSuccessStatusCode();
        return email;
    }

    private async Task<HttpStatusCode> StatusWithTokenAsync(string accessToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/todos");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return (await factory.CreateClient().SendAsync(request)).StatusCode;
    }

    private async Task<HttpStatusCode> StatusWithCookieAsync(string cookie)
    {
        using var copied = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/todos");
        request.Headers.Add("Cookie", cookie);
        return (await copied.SendAsync(request)).StatusCode;
    }

    // The problem without its traceId, which is per request.
    private static async Task<string> BodyAsync(HttpResponseMessage response)
    {
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        body.Remove("traceId");
        return body.ToJsonString();
    }

    private static string ErrorAlert(string html)
    {
        var match = System.Text.RegularExpressions.Regex.Match(html, "Error: [^<]*");
        Assert.True(match.Success, "The page shows no error.");
        return match.Value;
    }
}

using System.Net;
using System.Net.Http.Json;

namespace TodoDashboard.Tests.Infrastructure.Auth;

/// <summary>
/// The sign-in limits with 3 attempts a minute: per client address (each test is its own address, through
/// X-Forwarded-For from a configured proxy) and per account, on the endpoints themselves, however the path is spelled.
/// </summary>
public class AuthRateLimitTests(AuthRateLimitTests.StrictFactory factory) : IClassFixture<AuthRateLimitTests.StrictFactory>
{
    [Theory]
    [InlineData("/api/auth/login", "/api/auth/login/", "/API/AUTH/LOGIN")]
    [InlineData("/API/Auth/Login/", "/api/auth/LOGIN", "/api/auth/login")]
    public async Task Login_attempts_over_the_limit_answer_429_with_retry_after_however_the_path_is_spelled(string first, string second, string third)
    {
        var client = ClientAt(NewAddress());

        var statuses = new List<HttpStatusCode>();
        foreach (var path in new[] { first, second, third, first })
        {
            statuses.Add((await client.PostAsJsonAsync(path, new { email = ApiClientExtensions.NewEmail(), password = "Wrong-passphrase-1" })).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
        var limited = await client.PostAsJsonAsync(second, new { email = ApiClientExtensions.NewEmail(), password = "Wrong-passphrase-1" });
        AssertTooManyRequests(limited);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task Another_address_is_not_limited_by_the_first()
    {
        var first = ClientAt(NewAddress());
        for (var i = 0; i < 4; i++)
        {
            await first.PostAsJsonAsync("/api/auth/login", new { email = ApiClientExtensions.NewEmail(), password = "Wrong-passphrase-1" });
        }

        var other = await ClientAt(NewAddress()).PostAsJsonAsync("/api/auth/login", new { email = ApiClientExtensions.NewEmail(), password = "Wrong-passphrase-1" });

        Assert.Equal(HttpStatusCode.Unauthorized, other.StatusCode);
    }

    [Fact]
    public async Task One_account_is_limited_across_client_addresses()
    {
        var email = ApiClientExtensions.NewEmail();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await ClientAt(NewAddress()).PostAsJsonAsync("/api/auth/login", new { email, password = "Wrong-passphrase-1" })).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
        AssertTooManyRequests(await ClientAt(NewAddress()).PostAsJsonAsync("/API/AUTH/LOGIN/", new { email = email.ToUpperInvariant(), password = "Wrong-passphrase-1" }));
    }

    [Fact]
    public async Task Registrations_over_the_limit_answer_429()
    {
        var client = ClientAt(NewAddress());

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await client.PostAsJsonAsync(i % 2 == 0 ? "/api/auth/register" : "/API/auth/register/", new { email = ApiClientExtensions.NewEmail(), password = ApiClientExtensions.Password })).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task Refreshes_over_the_limit_answer_429()
    {
        var client = ClientAt(NewAddress());

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await client.PostAsJsonAsync("/api/auth/refresh/", new { refreshToken = "not-a-token" })).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task The_login_form_is_limited_too_but_showing_it_is_not()
    {
        var address = NewAddress();
        var browser = factory.CreateBrowser();
        browser.DefaultRequestHeaders.Add("X-Forwarded-For", address);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            // Each post shows the page first (for its antiforgery token): those GETs are not counted.
            statuses.Add((await browser.SubmitLoginAsync(ApiClientExtensions.NewEmail(), "Wrong-passphrase-1")).StatusCode);
        }

        var limited = await browser.SubmitLoginAsync(ApiClientExtensions.NewEmail(), "Wrong-passphrase-1");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], statuses);
        AssertTooManyRequests(limited);
    }

    [Fact]
    public async Task The_login_form_limits_one_account_across_addresses()
    {
        var email = ApiClientExtensions.NewEmail();
        for (var i = 0; i < 3; i++)
        {
            await BrowserAt(NewAddress()).SubmitLoginAsync(email, "Wrong-passphrase-1");
        }

        var limited = await BrowserAt(NewAddress()).SubmitLoginAsync(email, "Wrong-passphrase-1");

        AssertTooManyRequests(limited);
        Assert.Contains("Too many attempts", await limited.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_register_form_is_limited_per_address()
    {
        var browser = BrowserAt(NewAddress());
        for (var i = 0; i < 3; i++)
        {
            await browser.SubmitRegisterAsync(ApiClientExtensions.NewEmail(), "short");
        }

        AssertTooManyRequests(await browser.SubmitRegisterAsync(ApiClientExtensions.NewEmail(), "short"));
    }

    [Fact]
    public async Task Behind_the_configured_proxy_an_https_request_gets_a_secure_cookie()
    {
        var email = ApiClientExtensions.NewEmail();
        (await ClientAt(NewAddress()).PostAsJsonAsync("/api/auth/register", new { email, password = ApiClientExtensions.Password })).EnsureSuccessStatusCode();
        var browser = BrowserAt(NewAddress());
        browser.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");

        var signedIn = await browser.SubmitLoginAsync(email, ApiClientExtensions.Password);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Identity.Application=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
    }

    private static void AssertTooManyRequests(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta is { TotalSeconds: > 0 and <= 60 }, $"Retry-After: {response.Headers.RetryAfter}");
    }

    private HttpClient ClientAt(string address)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return client;
    }

    private HttpClient BrowserAt(string address)
    {
        var browser = factory.CreateBrowser();
        browser.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return browser;
    }

    private static string NewAddress() => $"10.{Random.Shared.Next(256)}.{Random.Shared.Next(256)}.{Random.Shared.Next(1, 255)}";

    public sealed class StrictFactory : TodoDashboardFactory
    {
        protected override int LoginAttemptsPerMinute => 3;

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            // The test server's connections have no address: the forwarded one is the client's.
            builder.UseSetting("ForwardedHeaders:KnownNetworks:0", "127.0.0.0/8");
        }
    }
}

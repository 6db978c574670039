using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using TodoDashboard.Infrastructure.Security;

namespace TodoDashboard.Tests.Infrastructure.Security;

public class SecurityHeadersTests(TodoDashboardFactory factory) : IClassFixture<TodoDashboardFactory>
{
    [Theory]
    [InlineData("/Account/Login", HttpStatusCode.OK)]
    [InlineData("/api/todos", HttpStatusCode.Unauthorized)]
    [InlineData("/api/no-such-thing", HttpStatusCode.NotFound)]
    [InlineData("/no-such-page", HttpStatusCode.NotFound)]
    [InlineData("/openapi/v1.json", HttpStatusCode.OK)]
    [InlineData("/api/docs/", HttpStatusCode.OK)]
    public async Task Pages_api_answers_and_errors_carry_the_security_headers(string url, HttpStatusCode status)
    {
        var response = await factory.CreateClient().GetAsync(url);

        Assert.Equal(status, response.StatusCode);
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task A_signed_in_api_answer_carries_the_security_headers()
    {
        var client = await factory.CreateUserClientAsync();

        var response = await client.GetAsync("/api/todos");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task The_policy_runs_only_the_apps_own_scripts_and_the_inline_ones_carrying_this_answers_nonce()
    {
        var client = factory.CreateClient();

        var first = await client.GetAsync("/Account/Login");
        var second = await client.GetAsync("/Account/Login");

        var directives = Directives(first);
        Assert.Equal("'self'", directives["default-src"]);
        Assert.Equal("'none'", directives["object-src"]);
        Assert.Equal("'self'", directives["base-uri"]);
        Assert.Equal("'self'", directives["form-action"]);
        Assert.Equal("'self'", directives["connect-src"]);
        var nonce = Nonce(first);
        Assert.Equal(["'self'", $"'nonce-{nonce}'"], directives["script-src"].Split(' '));

        // Blazor's import map, when the host has fingerprinted assets to map (E2E checks it in Chromium).
        var inline = System.Text.RegularExpressions.Regex.Matches(await first.Content.ReadAsStringAsync(), "<script(?![^>]*\\ssrc=)[^>]*>");
        Assert.All(inline, script => Assert.Contains($"nonce=\"{nonce}\"", script.Value, StringComparison.Ordinal));
        Assert.NotEqual(nonce, Nonce(second));
    }

    [Fact]
    public async Task The_api_reference_nonces_its_scripts_and_loads_no_fonts_from_a_cdn()
    {
        var response = await factory.CreateClient().GetAsync("/api/docs/");

        var nonce = Nonce(response);
        var html = await response.Content.ReadAsStringAsync();
        var scripts = System.Text.RegularExpressions.Regex.Matches(html, "<script[^>]*>");
        Assert.NotEmpty(scripts);
        Assert.All(scripts, script => Assert.Contains($"nonce=\"{nonce}\"", script.Value, StringComparison.Ordinal));
        Assert.Contains("\"withDefaultFonts\":false", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, null, false)]
    [InlineData("http://localhost:5000", null, false)]
    [InlineData("http://+:8080;https://+:8443", null, true)]
    [InlineData("https://localhost:5001", "false", false)]
    [InlineData("http://127.0.0.1:8080", "true", true)]
    public void Https_is_on_when_configured_or_when_the_app_listens_on_an_https_address(string? urls, string? enabled, bool expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [WebHostDefaults.ServerUrlsKey] = urls,
            ["Https:Enabled"] = enabled,
        }).Build();

        Assert.Equal(expected, TransportSecurity.IsEnabled(configuration));
    }

    private static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
        var directives = Directives(response);
        Assert.Equal("'none'", directives["frame-ancestors"]);
        Assert.DoesNotContain("'unsafe-inline'", directives["script-src"], StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"), "HSTS on plain http.");
    }

    private static Dictionary<string, string> Directives(HttpResponseMessage response) =>
        Header(response, "Content-Security-Policy").Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(d => d.Split(' ', 2))
            .ToDictionary(d => d[0], d => d[1]);

    private static string Nonce(HttpResponseMessage response) =>
        Directives(response)["script-src"].Split(' ').Single(s => s.StartsWith("'nonce-", StringComparison.Ordinal))[7..^1];

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new Xunit.Sdk.XunitException($"{response.RequestMessage?.RequestUri} answered without {name}.");
}

/// <summary>The app served over TLS (Https:Enabled): HSTS on https answers, and plain http redirected to https.</summary>
public class HttpsEnabledTests(HttpsEnabledTests.Factory factory) : IClassFixture<HttpsEnabledTests.Factory>
{
    public sealed class Factory : TodoDashboardFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Https:Enabled", "true");
            builder.UseSetting("https_port", "443");
        }
    }

    [Fact]
    public async Task An_https_answer_carries_hsts_for_a_year()
    {
        var client = factory.CreateClient(new() { BaseAddress = new Uri("https://app.example") });

        var response = await client.GetAsync("/Account/Login");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("max-age=31536000", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")));
    }

    [Fact]
    public async Task A_plain_http_request_is_redirected_to_https()
    {
        var client = factory.CreateClient(new() { BaseAddress = new Uri("http://app.example"), AllowAutoRedirect = false });

        var response = await client.GetAsync("/Account/Login?returnUrl=%2Ftodos");

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal(new Uri("https://app.example/Account/Login?returnUrl=%2Ftodos"), response.Headers.Location);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }
}

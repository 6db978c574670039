using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using TodoDashboard.Infrastructure.Auth;
using TodoDashboard.Infrastructure.Telemetry;

namespace TodoDashboard.Tests.Infrastructure.Telemetry;

/// <summary>
/// /metrics with Telemetry:Prometheus:AllowedNetworks set: a scraper from those networks needs no sign-in; from
/// anywhere else the Admin role is still needed. The caller's address is set on the request as a connection's would be;
/// a forwarded one counts only from the trusted proxy.
/// </summary>
public class MetricsFromAllowedNetworksTests(MetricsFromAllowedNetworksTests.Factory factory) : IClassFixture<MetricsFromAllowedNetworksTests.Factory>
{
    [Theory]
    [InlineData("10.20.30.40")]
    [InlineData("127.0.0.1")]
    [InlineData("::ffff:10.1.2.3")]
    public async Task A_scraper_from_an_allowed_network_gets_the_metrics_without_signing_in(string address)
    {
        var response = await ScrapeAsync(address);

        Assert.Equal(StatusCodes.Status200OK, response.StatusCode);
        Assert.Contains("# TYPE target_info", await new StreamReader(response.Body).ReadToEndAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_anonymous_caller_from_another_network_is_a_401()
    {
        var response = await ScrapeAsync("192.0.2.7");

        Assert.Equal(StatusCodes.Status401Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_member_from_another_network_is_a_403_naming_the_admin_role()
    {
        var member = await factory.CreateUserClientAsync();

        var response = await ScrapeAsync("192.0.2.7", member.DefaultRequestHeaders.Authorization!.ToString());

        Assert.Equal(StatusCodes.Status403Forbidden, response.StatusCode);
        var problem = await JsonSerializer.DeserializeAsync<JsonElement>(response.Body);
        Assert.Equal(AppRoles.Admin, problem.GetProperty("requiredRole").GetString());
    }

    [Fact]
    public async Task An_admin_from_another_network_still_gets_the_metrics()
    {
        var admin = await factory.CreateUserClientAsync(role: AppRoles.Admin);

        var response = await ScrapeAsync("192.0.2.7", admin.DefaultRequestHeaders.Authorization!.ToString());

        Assert.Equal(StatusCodes.Status200OK, response.StatusCode);
    }

    [Fact]
    public async Task Behind_the_trusted_proxy_the_address_it_forwarded_is_the_one_that_counts()
    {
        var response = await ScrapeAsync(Factory.TrustedProxy, forwardedFor: "10.9.9.9");

        Assert.Equal(StatusCodes.Status200OK, response.StatusCode);
    }

    [Fact]
    public async Task A_forwarded_address_from_a_caller_that_is_no_trusted_proxy_counts_for_nothing()
    {
        var response = await ScrapeAsync("192.0.2.7", forwardedFor: "10.9.9.9");

        Assert.Equal(StatusCodes.Status401Unauthorized, response.StatusCode);
    }

    private async Task<HttpResponse> ScrapeAsync(string from, string? authorization = null, string? forwardedFor = null)
    {
        var context = await factory.Server.SendAsync(request =>
        {
            request.Request.Method = HttpMethods.Get;
            request.Request.Path = TelemetrySetup.MetricsPath;
            request.Connection.RemoteIpAddress = IPAddress.Parse(from);
            if (authorization is not null)
            {
                request.Request.Headers.Authorization = authorization;
            }

            if (forwardedFor is not null)
            {
                request.Request.Headers["X-Forwarded-For"] = forwardedFor;
            }
        });
        return context.Response;
    }

    /// <summary>The app with allowed networks, behind one trusted reverse proxy.</summary>
    public sealed class Factory : TodoDashboardFactory
    {
        public const string TrustedProxy = "192.0.2.1";

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting(ScrapeAccess.AllowedNetworksSetting, "10.0.0.0/8, 127.0.0.1/32");
            builder.UseSetting($"{ForwardedHeadersSetup.Section}:KnownProxies:0", TrustedProxy);
        }
    }
}

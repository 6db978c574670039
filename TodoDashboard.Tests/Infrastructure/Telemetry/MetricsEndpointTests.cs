using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using TodoDashboard.Infrastructure.Auth;

namespace TodoDashboard.Tests.Infrastructure.Telemetry;

/// <summary>The Prometheus scrape endpoint: the app's metrics for an Admin, a status code (not a sign-in page) for anyone else.</summary>
public class MetricsEndpointTests(TodoDashboardFactory factory) : IClassFixture<TodoDashboardFactory>
{
    [Fact]
    public async Task An_admin_scrapes_the_apps_run_metrics_in_prometheus_text()
    {
        var admin = await factory.CreateUserClientAsync(role: AppRoles.Admin);
        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsJsonAsync("/api/jobs", new { items = 1 })).StatusCode);

        var response = await admin.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("todo_dashboard_runs_started_total{", text, StringComparison.Ordinal);
        Assert.Contains("kind=\"jobs\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_is_refused_with_a_403_naming_the_admin_role()
    {
        var member = await factory.CreateUserClientAsync();

        var response = await member.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(AppRoles.Admin, problem.GetProperty("requiredRole").GetString());
    }

    [Fact]
    public async Task A_member_signed_in_by_cookie_gets_a_403_rather_than_the_access_denied_page()
    {
        var browser = await factory.CreateCookieClientAsync();

        var response = await browser.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Anonymous_is_a_401_rather_than_a_redirect_to_sign_in()
    {
        var anonymous = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await anonymous.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}

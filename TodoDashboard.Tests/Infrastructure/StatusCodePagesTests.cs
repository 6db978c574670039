using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace TodoDashboard.Tests.Infrastructure;

/// <summary>Unknown addresses and the signed-out home: pages answer in the app's layout, the API in ProblemDetails.</summary>
public class StatusCodePagesTests(TodoDashboardFactory factory) : IClassFixture<TodoDashboardFactory>
{
    [Fact]
    public async Task An_unknown_api_url_is_a_problem_details_404()
    {
        var response = await factory.CreateClient().GetAsync("/api/no-such");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task An_unknown_page_is_a_404_rendered_in_the_layout()
    {
        var response = await factory.CreateClient().GetAsync("/no-such-page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Page not found", html, StringComparison.Ordinal);
        Assert.Contains("TodoDashboard", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signed_out_the_home_is_the_landing_and_the_panels_still_ask_for_a_sign_in()
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var home = await client.GetAsync("/");
        var todos = await client.GetAsync("/todos");

        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        var html = await home.Content.ReadAsStringAsync();
        Assert.Contains("landing-summary", html, StringComparison.Ordinal);
        Assert.DoesNotContain("todos-headline", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, todos.StatusCode);
        Assert.StartsWith("/Account/Login", todos.Headers.Location?.OriginalString.Replace("http://localhost", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }
}

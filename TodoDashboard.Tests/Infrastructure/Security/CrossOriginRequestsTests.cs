using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using TodoDashboard.Features.Todos;

namespace TodoDashboard.Tests.Infrastructure.Security;

public class CrossOriginRequestsTests(TodoDashboardFactory factory) : IClassFixture<TodoDashboardFactory>
{
    private const string Evil = "https://evil.example";

    // The factory's clients talk to http://localhost.
    private const string Own = "http://localhost";

    [Fact]
    public async Task A_cookie_post_from_another_origin_is_a_403_problem_saying_why_and_writes_nothing()
    {
        var client = await factory.CreateCookieClientAsync();

        var response = await client.SendAsync(Post("/api/todos", new { title = "Planted" }, ("Origin", Evil)));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var problem = await response.ReadAsync<ProblemDetails>();
        Assert.Equal("Cross-origin request refused.", problem.Title);
        Assert.Contains(Evil, problem.Detail, StringComparison.Ordinal);
        Assert.Equal(0, (await (await client.GetAsync("/api/todos")).ReadAsync<TodoPage>()).TotalCount);
    }

    [Theory]
    [InlineData("Origin", Own)]
    [InlineData("Origin", "HTTP://LOCALHOST:80")]
    [InlineData("Referer", Own + "/todos?filter=all")]
    [InlineData("X-Requested-With", "XMLHttpRequest")]
    public async Task A_cookie_post_from_the_apps_own_origin_or_from_a_script_that_says_so_succeeds(string header, string value)
    {
        var client = await factory.CreateCookieClientAsync();

        var response = await client.SendAsync(Post("/api/todos", new { title = "Mine" }, (header, value)));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Theory]
    [InlineData("Origin", "null")]
    [InlineData("Origin", "https://localhost")]
    [InlineData("Origin", "http://localhost:8080")]
    [InlineData("Origin", "http://localhost.evil.example")]
    [InlineData("Referer", Evil + "/page")]
    public async Task A_cookie_post_from_any_other_origin_is_refused(string header, string value)
    {
        var client = await factory.CreateCookieClientAsync();

        var response = await client.SendAsync(Post("/api/todos", new { title = "Planted" }, (header, value)));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_cookie_post_naming_no_origin_and_without_X_Requested_With_is_refused()
    {
        var client = await factory.CreateCookieClientAsync();

        var response = await client.SendAsync(Post("/api/todos", new { title = "Planted" }));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("X-Requested-With", (await response.ReadAsync<ProblemDetails>()).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cookie_put_patch_and_delete_from_another_origin_are_refused_and_reads_are_not()
    {
        var client = await factory.CreateCookieClientAsync();
        var created = await (await client.SendAsync(Post("/api/todos", new { title = "Kept" }, ("Origin", Own)))).ReadAsync<TodoResponse>();
        var url = $"/api/todos/{created.Id}";

        foreach (var method in new[] { HttpMethod.Put, HttpMethod.Patch, HttpMethod.Delete })
        {
            var request = new HttpRequestMessage(method, url) { Content = JsonContent.Create(new { title = "Changed" }) };
            request.Headers.Add("Origin", Evil);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(request)).StatusCode);
        }

        var toggle = new HttpRequestMessage(HttpMethod.Patch, $"{url}/toggle");
        toggle.Headers.Add("Origin", Evil);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(toggle)).StatusCode);

        var read = new HttpRequestMessage(HttpMethod.Get, url);
        read.Headers.Add("Origin", Evil);
        Assert.Equal(created, await (await client.SendAsync(read)).ReadAsync<TodoResponse>());
    }

    [Fact]
    public async Task A_bearer_post_with_a_foreign_origin_is_allowed()
    {
        var client = await factory.CreateUserClientAsync();

        var response = await client.SendAsync(Post("/api/todos", new { title = "From a script" }, ("Origin", Evil)));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task A_post_signed_in_by_neither_is_left_to_the_endpoint()
    {
        var client = factory.CreateClient();

        var response = await client.SendAsync(Post("/api/todos", new { title = "Nobody" }, ("Origin", Evil)));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static HttpRequestMessage Post(string url, object body, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }
}

using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using TodoDashboard.Features.Todos;

namespace TodoDashboard.Tests.Features.Todos;

/// <summary>GET /api/todos and /api/todos/export with <c>search</c>: a case-insensitive substring of the title, whose %, _ and \ are plain characters.</summary>
public class TodosSearchTests(TodoDashboardFactory factory) : IClassFixture<TodoDashboardFactory>
{
    private static readonly string[] Titles = ["100% done", "100 done", "a_b", "axb", @"back\slash", "backslash", "Buy MILK", "milkshake", "Walk"];

    [Theory]
    [InlineData("%", new[] { "100% done" })]
    [InlineData("_", new[] { "a_b" })]
    [InlineData(@"\", new[] { @"back\slash" })]
    [InlineData(@"k\s", new[] { @"back\slash" })]
    [InlineData("milk", new[] { "milkshake", "Buy MILK" })]
    [InlineData("  MiLk  ", new[] { "milkshake", "Buy MILK" })]
    [InlineData("nothing like it", new string[0])]
    public async Task The_search_keeps_the_titles_that_contain_it_literally_ignoring_case(string search, string[] expected)
    {
        var client = await ClientWithTitlesAsync();

        var page = await (await client.GetAsync($"/api/todos?pageSize=100&search={Uri.EscapeDataString(search)}")).ReadAsync<TodoPage>();

        Assert.Equal(expected, page.Items.Select(t => t.Title));
        Assert.Equal(expected.Length, page.TotalCount);
    }

    [Fact]
    public async Task The_search_and_the_filter_narrow_together_and_only_the_users_own_todos()
    {
        var client = await ClientWithTitlesAsync();
        var other = await factory.CreateUserClientAsync();
        await other.PostAsJsonAsync("/api/todos", new { title = "milk of another" });
        var shake = (await (await client.GetAsync("/api/todos?search=milkshake")).ReadAsync<TodoPage>()).Items.Single();
        await client.PatchAsync($"/api/todos/{shake.Id}/toggle", null);

        var active = await (await client.GetAsync("/api/todos?search=milk&filter=active")).ReadAsync<TodoPage>();
        var completed = await (await client.GetAsync("/api/todos?search=milk&filter=completed")).ReadAsync<TodoPage>();

        Assert.Equal(["Buy MILK"], active.Items.Select(t => t.Title));
        Assert.Equal(["milkshake"], completed.Items.Select(t => t.Title));
    }

    [Fact]
    public async Task The_export_has_the_todos_the_search_keeps_as_the_listing_has_them()
    {
        var client = await ClientWithTitlesAsync();

        var listed = await (await client.GetAsync("/api/todos?search=100&pageSize=100")).ReadAsync<TodoPage>();
        var lines = (await (await client.GetAsync("/api/todos/export?search=100")).Content.ReadAsStringAsync()).Split("\r\n");

        Assert.Equal(["100 done", "100% done"], listed.Items.Select(t => t.Title));
        Assert.Equal(listed.Items.Select(t => $"{t.Id},{t.Title},"), lines[1..^1].Select(l => string.Join(',', l.Split(',')[..3])));
    }

    [Theory]
    [InlineData("/api/todos?search=a%00b")]
    [InlineData("/api/todos/export?search=a%00b")]
    [InlineData("/api/todos?search=%EF%BF%BF")]
    public async Task A_search_the_input_policy_refuses_answers_400_naming_search(string url)
    {
        var client = await factory.CreateUserClientAsync();

        await AssertBadRequestNamingSearchAsync(await client.GetAsync(url));
    }

    [Fact]
    public async Task A_search_longer_than_a_title_can_be_answers_400_naming_search()
    {
        var client = await factory.CreateUserClientAsync();
        var longest = new string('x', Todo.TitleMaxLength);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/todos?search={longest}")).StatusCode);
        await AssertBadRequestNamingSearchAsync(await client.GetAsync($"/api/todos?search={longest}x"));
        await AssertBadRequestNamingSearchAsync(await client.GetAsync($"/api/todos/export?search={longest}x"));
    }

    private async Task<HttpClient> ClientWithTitlesAsync()
    {
        var client = await factory.CreateUserClientAsync();
        foreach (var title in Titles)
        {
            (await client.PostAsJsonAsync("/api/todos", new { title })).EnsureSuccessStatusCode();
        }

        return client;
    }

    private static async Task AssertBadRequestNamingSearchAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("search", (await response.ReadAsync<ValidationProblemDetails>()).Errors.Keys);
    }
}

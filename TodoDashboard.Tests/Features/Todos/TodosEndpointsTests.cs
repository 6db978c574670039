using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using TodoDashboard.Features.Todos;

namespace TodoDashboard.Tests.Features.Todos;

public class TodosEndpointsTests(TodoDashboardFactory factory) : IClassFixture<TodoDashboardFactory>
{
    [Theory]
    [InlineData("GET", "/api/todos")]
    [InlineData("POST", "/api/todos")]
    [InlineData("GET", "/api/todos/1")]
    [InlineData("PUT", "/api/todos/1")]
    [InlineData("PATCH", "/api/todos/1")]
    [InlineData("DELETE", "/api/todos/1")]
    [InlineData("PATCH", "/api/todos/1/toggle")]
    [InlineData("GET", "/api/todos/stats")]
    public async Task Every_todos_route_answers_401_without_a_signed_in_user(string method, string url)
    {
        var client = factory.CreateClient();

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url)
        {
            Content = JsonContent.Create(new { title = "x" }),
        });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Created_todo_is_returned_with_its_location_and_can_be_read_back()
    {
        var client = await factory.CreateUserClientAsync();

        var created = await client.PostAsJsonAsync("/api/todos", new { title = "  Buy milk ", description = "2 litres" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var todo = await created.ReadAsync<TodoResponse>();
        Assert.Equal("Buy milk", todo.Title);
        Assert.Equal("2 litres", todo.Description);
        Assert.False(todo.IsCompleted);
        Assert.Equal(DateTimeKind.Utc, todo.CreatedAt.Kind);
        Assert.InRange(todo.CreatedAt, DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddMinutes(1));
        Assert.Equal($"/api/todos/{todo.Id}", created.Headers.Location?.OriginalString);
        Assert.Equal(todo, await (await client.GetAsync(created.Headers.Location)).ReadAsync<TodoResponse>());
    }

    [Fact]
    public async Task List_pages_newest_first_with_the_total_count()
    {
        var client = await factory.CreateUserClientAsync();
        for (var i = 1; i <= 5; i++)
        {
            await client.PostAsJsonAsync("/api/todos", new { title = $"Todo {i}" });
        }

        var page = await (await client.GetAsync("/api/todos?page=2&pageSize=2")).ReadAsync<TodoPage>();

        Assert.Equal(5, page.TotalCount);
        Assert.Equal(2, page.Page);
        Assert.Equal(2, page.PageSize);
        Assert.Equal(["Todo 3", "Todo 2"], page.Items.Select(t => t.Title));
    }

    [Fact]
    public async Task List_filters_active_and_completed_todos()
    {
        var client = await factory.CreateUserClientAsync();
        await client.PostAsJsonAsync("/api/todos", new { title = "Open" });
        await client.PostAsJsonAsync("/api/todos", new { title = "Done", isCompleted = true });

        var active = await (await client.GetAsync("/api/todos?filter=active")).ReadAsync<TodoPage>();
        var completed = await (await client.GetAsync("/api/todos?filter=Completed")).ReadAsync<TodoPage>();
        var all = await (await client.GetAsync("/api/todos?filter=all")).ReadAsync<TodoPage>();

        Assert.Equal(["Open"], active.Items.Select(t => t.Title));
        Assert.Equal(["Done"], completed.Items.Select(t => t.Title));
        Assert.Equal(2, all.TotalCount);
    }

    [Fact]
    public async Task Put_replaces_every_field()
    {
        var client = await factory.CreateUserClientAsync();
        var todo = await CreateAsync(client, "Draft", "old notes");

        var response = await client.PutAsJsonAsync($"/api/todos/{todo.Id}", new { title = "Final", isCompleted = true });

        var updated = await response.ReadAsync<TodoResponse>();
        Assert.Equal(todo with { Title = "Final", Description = null, IsCompleted = true, Version = updated.Version }, updated);
        Assert.NotEqual(todo.Version, updated.Version);
    }

    [Fact]
    public async Task Patch_changes_only_the_fields_it_names()
    {
        var client = await factory.CreateUserClientAsync();
        var todo = await CreateAsync(client, "Title", "Notes");

        var completed = await (await client.PatchAsJsonAsync($"/api/todos/{todo.Id}", new { isCompleted = true })).ReadAsync<TodoResponse>();
        var renamed = await (await client.PatchAsJsonAsync($"/api/todos/{todo.Id}", new { title = "Renamed" })).ReadAsync<TodoResponse>();
        var cleared = await (await client.PatchAsJsonAsync($"/api/todos/{todo.Id}", new { description = "" })).ReadAsync<TodoResponse>();

        Assert.Equal(todo with { IsCompleted = true, Version = completed.Version }, completed);
        Assert.Equal(todo with { IsCompleted = true, Title = "Renamed", Version = renamed.Version }, renamed);
        Assert.Equal(todo with { IsCompleted = true, Title = "Renamed", Description = null, Version = cleared.Version }, cleared);
        Assert.Equal(4, new[] { todo.Version, completed.Version, renamed.Version, cleared.Version }.Distinct().Count());
    }

    [Fact]
    public async Task Toggle_flips_completion_each_time()
    {
        var client = await factory.CreateUserClientAsync();
        var todo = await CreateAsync(client, "Flip me");

        var first = await (await client.PatchAsync($"/api/todos/{todo.Id}/toggle", null)).ReadAsync<TodoResponse>();
        var second = await (await client.PatchAsync($"/api/todos/{todo.Id}/toggle", null)).ReadAsync<TodoResponse>();

        Assert.True(first.IsCompleted);
        Assert.False(second.IsCompleted);
    }

    [Fact]
    public async Task Concurrent_toggles_all_count()
    {
        var client = await factory.CreateUserClientAsync();
        var todo = await CreateAsync(client, "Raced");

        await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => client.PatchAsync($"/api/todos/{todo.Id}/toggle", null)));

        Assert.False((await (await client.GetAsync($"/api/todos/{todo.Id}")).ReadAsync<TodoResponse>()).IsCompleted);
    }

    [Fact]
    public async Task Delete_removes_the_todo_and_a_second_delete_is_not_found()
    {
        var client = await factory.CreateUserClientAsync();
        var todo = await CreateAsync(client, "Short-lived");

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/todos/{todo.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"/api/todos/{todo.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/todos/{todo.Id}")).StatusCode);
    }

    [Fact]
    public async Task Another_users_todo_answers_404_to_every_operation_and_stays_unchanged()
    {
        var owner = await factory.CreateUserClientAsync();
        var intruder = await factory.CreateUserClientAsync();
        var todo = await CreateAsync(owner, "Mine");
        var url = $"/api/todos/{todo.Id}";

        HttpResponseMessage[] responses =
        [
            await intruder.GetAsync(url),
            await intruder.PutAsJsonAsync(url, new { title = "Stolen" }),
            await intruder.PatchAsJsonAsync(url, new { title = "Stolen" }),
            await intruder.PatchAsync($"{url}/toggle", null),
            await intruder.DeleteAsync(url),
        ];

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        Assert.Equal(todo, await (await owner.GetAsync(url)).ReadAsync<TodoResponse>());
        Assert.Equal(0, (await (await intruder.GetAsync("/api/todos")).ReadAsync<TodoPage>()).TotalCount);
    }

    [Fact]
    public async Task Unknown_id_answers_404_as_problem_details()
    {
        var client = await factory.CreateUserClientAsync();

        var response = await client.GetAsync("/api/todos/987654321");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    public static TheoryData<string, string, string> InvalidBodies => new()
    {
        { "POST", """{"title":""}""", "title" },
        { "POST", """{"title":"   "}""", "title" },
        { "POST", """{"description":"no title"}""", "title" },
        { "POST", $$"""{"title":"{{new string('x', 256)}}"}""", "title" },
        { "POST", $$"""{"title":"ok","description":"{{new string('x', 4001)}}"}""", "description" },
        { "POST", """{"title":5}""", "title" },
        { "POST", """{"title":"unterminated""", "title" },
        { "POST", """not json""", "body" },
        { "PUT", """{"title":""}""", "title" },
        { "PATCH", """{"title":""}""", "title" },
        { "PATCH", """{"isCompleted":"maybe"}""", "isCompleted" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task Invalid_bodies_answer_400_naming_the_field_and_write_nothing(string method, string body, string field)
    {
        var client = await factory.CreateUserClientAsync();
        var existing = await CreateAsync(client, "Untouched");
        var url = method == "POST" ? "/api/todos" : $"/api/todos/{existing.Id}";

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        });

        await AssertBadRequestNamingAsync(response, field);
        var page = await (await client.GetAsync("/api/todos")).ReadAsync<TodoPage>();
        Assert.Equal([existing], page.Items);
    }

    [Theory]
    [InlineData("/api/todos?page=0", "page")]
    [InlineData("/api/todos?page=abc", "page")]
    [InlineData("/api/todos?pageSize=0", "pageSize")]
    [InlineData("/api/todos?pageSize=101", "pageSize")]
    [InlineData("/api/todos?filter=done", "filter")]
    [InlineData("/api/todos/stats?mode=fast", "mode")]
    [InlineData("/api/todos/stats?mode=1", "mode")]
    [InlineData("/api/todos/stats/compare?repeat=0", "repeat")]
    [InlineData("/api/todos/stats/compare?repeat=51", "repeat")]
    [InlineData("/api/todos/stats/compare?repeat=-3", "repeat")]
    [InlineData("/api/todos/stats/compare?repeat=ten", "repeat")]
    [InlineData("/api/todos/stats/compare?repeat=2.5", "repeat")]
    public async Task Invalid_query_values_answer_400_naming_the_parameter(string url, string field)
    {
        var client = await factory.CreateUserClientAsync();

        await AssertBadRequestNamingAsync(await client.GetAsync(url), field);
    }

    private static async Task AssertBadRequestNamingAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.ReadAsync<ValidationProblemDetails>();
        Assert.Contains(field, problem.Errors.Keys);
    }

    private static async Task<TodoResponse> CreateAsync(HttpClient client, string title, string? description = null)
    {
        var response = await client.PostAsJsonAsync("/api/todos", new { title, description });
        response.EnsureSuccessStatusCode();
        return await response.ReadAsync<TodoResponse>();
    }
}

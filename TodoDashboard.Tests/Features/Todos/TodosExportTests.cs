using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using TodoDashboard.Features.Todos;

namespace TodoDashboard.Tests.Features.Todos;

/// <summary>GET /api/todos/export: the signed-in user's own todos, as the listing filters and orders them, as CSV.</summary>
public class TodosExportTests(TodoDashboardFactory factory) : IClassFixture<TodoDashboardFactory>
{
    [Fact]
    public async Task The_export_has_the_users_own_todos_that_the_filter_keeps_newest_first()
    {
        var client = await factory.CreateUserClientAsync();
        var other = await factory.CreateUserClientAsync();
        await other.PostAsJsonAsync("/api/todos", new { title = "Not mine" });
        for (var i = 1; i <= 5; i++)
        {
            var todo = await (await client.PostAsJsonAsync("/api/todos", new { title = $"Todo {i}" })).ReadAsync<TodoResponse>();
            if (i % 2 == 0)
            {
                await client.PatchAsync($"/api/todos/{todo.Id}/toggle", null);
            }
        }

        var listed = await (await client.GetAsync("/api/todos?filter=active&pageSize=100")).ReadAsync<TodoPage>();
        var response = await client.GetAsync("/api/todos/export?filter=active");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/csv; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Equal("attachment; filename=todos.csv", response.Content.Headers.ContentDisposition!.ToString());
        var lines = body.Split("\r\n");
        Assert.Equal("id,title,description,is_completed,created_at", lines[0]);
        Assert.Equal("", lines[^1]);
        Assert.Equal(["Todo 5", "Todo 3", "Todo 1"], listed.Items.Select(t => t.Title));
        Assert.Equal(
            listed.Items.Select(t => $"{t.Id},{t.Title},,false,{t.CreatedAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture)}"),
            lines[1..^1]);
    }

    [Fact]
    public async Task A_title_with_a_comma_and_a_formula_description_are_quoted_and_defused()
    {
        var client = await factory.CreateUserClientAsync();
        await client.PostAsJsonAsync("/api/todos", new { title = "Milk, \"fresh\"", description = "=1+1" });

        var body = await (await client.GetAsync("/api/todos/export")).Content.ReadAsStringAsync();

        Assert.Contains(",\"Milk, \"\"fresh\"\"\",'=1+1,false,", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_filter_answers_400_as_the_listing_does()
    {
        var client = await factory.CreateUserClientAsync();

        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/todos/export?filter=someday")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/todos?filter=someday")).StatusCode);
    }
}

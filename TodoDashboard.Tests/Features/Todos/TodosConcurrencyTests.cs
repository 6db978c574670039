using System.Net;
using System.Net.Http.Json;
using TodoDashboard.Features.Todos;

namespace TodoDashboard.Tests.Features.Todos;

/// <summary>Versions as ETags, If-Match on every write, and writes that race a delete.</summary>
public class TodosConcurrencyTests(TodoDashboardFactory factory) : IClassFixture<TodoDashboardFactory>
{
    /// <summary>Every write of one todo, as <see cref="SendAsync"/> names them.</summary>
    public static TheoryData<string> Writes => ["PUT", "PATCH", "toggle", "DELETE"];

    [Fact]
    public async Task Get_answers_the_version_as_a_strong_etag_and_lists_carry_it_too()
    {
        var client = await factory.CreateUserClientAsync();
        var created = await client.PostAsJsonAsync("/api/todos", new { title = "Versioned" });
        var todo = await created.ReadAsync<TodoResponse>();

        var response = await client.GetAsync($"/api/todos/{todo.Id}");

        Assert.NotEqual(0u, todo.Version);
        ConcurrencyAssert.HasETag(response, todo.Version);
        Assert.Equal(todo.Version, (await response.ReadAsync<TodoResponse>()).Version);
        Assert.Equal(created.ETag(), response.ETag());
        var listed = await (await client.GetAsync("/api/todos")).ReadAsync<TodoPage>();
        Assert.Equal(todo.Version, Assert.Single(listed.Items).Version);
    }

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task A_stale_if_match_answers_412_with_the_current_version_and_changes_nothing(string write)
    {
        var client = await factory.CreateUserClientAsync();
        var todo = await CreateAsync(client, "Original");
        var changed = await (await client.PatchAsJsonAsync($"/api/todos/{todo.Id}", new { title = "Changed elsewhere" })).ReadAsync<TodoResponse>();

        var response = await SendAsync(client, write, todo.Id, $"\"{todo.Version}\"");

        await ConcurrencyAssert.PreconditionFailedAsync(response, changed);
        Assert.Equal(changed, await (await client.GetAsync($"/api/todos/{todo.Id}")).ReadAsync<TodoResponse>());
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("PATCH")]
    [InlineData("toggle")]
    public async Task A_matching_if_match_writes_and_answers_the_new_etag(string write)
    {
        var client = await factory.CreateUserClientAsync();
        var todo = await CreateAsync(client, "Current");

        var response = await SendAsync(client, write, todo.Id, $"\"{todo.Version}\"");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var written = await response.ReadAsync<TodoResponse>();
        Assert.NotEqual(todo.Version, written.Version);
        ConcurrencyAssert.HasETag(response, written.Version);
        Assert.True(written.IsCompleted);
        var read = await client.GetAsync($"/api/todos/{todo.Id}");
        Assert.Equal(response.ETag(), read.ETag());
        Assert.Equal(written, await read.ReadAsync<TodoResponse>());
    }

    [Fact]
    public async Task A_matching_if_match_deletes()
    {
        var client = await factory.CreateUserClientAsync();
        var todo = await CreateAsync(client, "Current");

        var response = await SendAsync(client, "DELETE", todo.Id, $"\"{todo.Version}\"");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/todos/{todo.Id}")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task Without_if_match_or_with_a_star_a_write_proceeds_whatever_the_version(string write)
    {
        var client = await factory.CreateUserClientAsync();
        var todo = await CreateAsync(client, "Changed twice");
        await client.PatchAsJsonAsync($"/api/todos/{todo.Id}", new { description = "meanwhile" });

        var withoutIfMatch = await SendAsync(client, write, todo.Id, ifMatch: null);
        var withStar = write == "DELETE" ? null : await SendAsync(client, write, todo.Id, "*");

        Assert.True(withoutIfMatch.IsSuccessStatusCode, $"{withoutIfMatch.StatusCode}");
        Assert.True(withStar?.IsSuccessStatusCode ?? true, $"{withStar?.StatusCode}");
    }

    [Theory]
    [InlineData("PUT", "123")]
    [InlineData("PATCH", "W/\"123\"")]
    [InlineData("toggle", "\"abc\"")]
    [InlineData("DELETE", "\"1\", \"2\"")]
    [InlineData("PUT", "\"-1\"")]
    [InlineData("DELETE", "\"99999999999\"")]
    public async Task A_malformed_if_match_is_a_400_naming_it_and_changes_nothing(string write, string ifMatch)
    {
        var client = await factory.CreateUserClientAsync();
        var todo = await CreateAsync(client, "Untouched");

        var response = await SendAsync(client, write, todo.Id, ifMatch);

        await ConcurrencyAssert.MalformedIfMatchAsync(response);
        Assert.Equal(todo, await (await client.GetAsync($"/api/todos/{todo.Id}")).ReadAsync<TodoResponse>());
    }

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task A_write_with_if_match_on_a_missing_todo_is_404(string write)
    {
        var client = await factory.CreateUserClientAsync();

        var response = await SendAsync(client, write, 987654321, "\"1\"");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task A_write_racing_a_delete_answers_404_never_500(string write)
    {
        var client = await factory.CreateUserClientAsync();

        await ConcurrencyAssert.RacesWithDeleteAsync(
            i => CreateAsync(client, $"Race {i}"),
            todo => SendAsync(client, "DELETE", todo.Id, ifMatch: null),
            (todo, ifMatch) => SendAsync(client, write, todo.Id, ifMatch),
            todo => client.GetAsync($"/api/todos/{todo.Id}"));
    }

    private static async Task<TodoResponse> CreateAsync(HttpClient client, string title) =>
        await (await client.PostAsJsonAsync("/api/todos", new { title })).ReadAsync<TodoResponse>();

    /// <summary>A write that completes the todo (or flips it, or deletes it).</summary>
    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string write, long id, string? ifMatch) => write switch
    {
        "PUT" => client.SendAsync(HttpMethod.Put, $"/api/todos/{id}", new { title = "Put", isCompleted = true }, ifMatch),
        "PATCH" => client.SendAsync(HttpMethod.Patch, $"/api/todos/{id}", new { isCompleted = true }, ifMatch),
        "toggle" => client.SendAsync(HttpMethod.Patch, $"/api/todos/{id}/toggle", null, ifMatch),
        _ => client.SendAsync(HttpMethod.Delete, $"/api/todos/{id}", null, ifMatch),
    };
}

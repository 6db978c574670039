using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TodoDashboard.Data;
using TodoDashboard.Features.Todos;

namespace TodoDashboard.Tests.Infrastructure.Auth;

public class AuthEndpointsTests(TodoDashboardFactory factory) : IClassFixture<TodoDashboardFactory>
{
    [Fact]
    public async Task Register_then_login_returns_access_and_refresh_tokens_that_work()
    {
        var client = factory.CreateClient();
        var email = ApiClientExtensions.NewEmail();

        var registered = await client.PostAsJsonAsync("/api/auth/register", new { email, password = ApiClientExtensions.Password });
        var tokens = await client.LoginAsync(email, ApiClientExtensions.Password);

        Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
        Assert.Equal("Bearer", tokens.TokenType);
        Assert.False(string.IsNullOrEmpty(tokens.RefreshToken));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/todos")).StatusCode);
    }

    [Fact]
    public async Task Refresh_exchanges_a_refresh_token_for_new_working_tokens()
    {
        var client = factory.CreateClient();
        var email = ApiClientExtensions.NewEmail();
        await client.PostAsJsonAsync("/api/auth/register", new { email, password = ApiClientExtensions.Password });
        var tokens = await client.LoginAsync(email, ApiClientExtensions.Password);

        var refreshed = await (await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = tokens.RefreshToken }))
            .ReadAsync<AccessTokens>();

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", refreshed.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/todos")).StatusCode);
    }

    [Fact]
    public async Task Register_rejects_a_weak_password_with_a_validation_problem()
    {
        var client = factory.CreateClient();

        var response = await client.PostAsJsonAsync("/api/auth/register", new { email = ApiClientExtensions.NewEmail(), password = "short" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_wrong_password_is_401_and_five_lock_the_account_even_for_the_right_password()
    {
        var client = factory.CreateClient();
        var email = ApiClientExtensions.NewEmail();
        await client.PostAsJsonAsync("/api/auth/register", new { email, password = ApiClientExtensions.Password });

        for (var i = 0; i < 5; i++)
        {
            var wrong = await client.PostAsJsonAsync("/api/auth/login", new { email, password = "Wrong-passphrase-1" });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        var right = await client.PostAsJsonAsync("/api/auth/login", new { email, password = ApiClientExtensions.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, right.StatusCode);
        Assert.Contains("locked", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forged_bearer_token_is_401()
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/todos")).StatusCode);
    }

    [Fact]
    public async Task Tokens_from_one_instance_work_on_another_sharing_the_database()
    {
        var client = await factory.CreateUserClientAsync();
        await using var second = new SecondInstanceFactory(factory.Database);
        var secondClient = second.CreateClient();
        secondClient.DefaultRequestHeaders.Authorization = client.DefaultRequestHeaders.Authorization;

        var created = await secondClient.PostAsJsonAsync("/api/todos", new { title = "Made on instance B" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var todo = await created.ReadAsync<TodoResponse>();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/todos/{todo.Id}")).StatusCode);
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        Assert.NotEmpty(await db.Set<DataProtectionKey>().ToListAsync());
    }

    [Fact]
    public async Task The_openapi_document_and_the_api_reference_are_served()
    {
        var client = factory.CreateClient();

        var document = await client.GetStringAsync("/openapi/v1.json");
        var reference = await client.GetAsync("/api/docs/");

        Assert.Contains("\"/api/todos/stats\"", document, StringComparison.Ordinal);
        Assert.Contains("\"/api/auth/login\"", document, StringComparison.Ordinal);
        Assert.Contains("\"/api/customers\"", document, StringComparison.Ordinal);
        Assert.Contains("\"name\": \"birthday_after\"", document, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
    }

    private sealed class SecondInstanceFactory(TestDatabase database) : TodoDashboardFactory(database);
}

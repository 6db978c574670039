using System.Net;
using System.Net.Http.Json;

namespace TodoDashboard.Tests.Infrastructure.Auth;

/// <summary>Refresh tokens to OWASP ASVS 4.0.3 level 2 (V3): each works once, and reusing one ends the tokens issued from it.</summary>
public class RefreshTokenTests(TodoDashboardFactory factory) : IClassFixture<TodoDashboardFactory>
{
    [Fact]
    public async Task A_used_refresh_token_is_refused_and_its_reuse_ends_the_tokens_issued_from_it()
    {
        var client = factory.CreateClient();
        var email = await client.RegisterAsync();
        var first = await client.LoginAsync(email, ApiClientExtensions.Password);

        var second = await (await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = first.RefreshToken })).ReadAsync<AccessTokens>();
        Assert.Equal(HttpStatusCode.OK, await factory.StatusWithTokenAsync(second.AccessToken));

        var reused = await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = first.RefreshToken });

        Assert.Equal(HttpStatusCode.Unauthorized, reused.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await factory.StatusWithTokenAsync(second.AccessToken));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = second.RefreshToken })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/auth/login", new { email, password = ApiClientExtensions.Password })).StatusCode);
    }

    [Fact]
    public async Task Each_refresh_gives_a_refresh_token_that_works_once()
    {
        var client = factory.CreateClient();
        var email = await client.RegisterAsync();
        var tokens = await client.LoginAsync(email, ApiClientExtensions.Password);

        for (var i = 0; i < 3; i++)
        {
            var response = await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = tokens.RefreshToken });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var next = await response.ReadAsync<AccessTokens>();
            Assert.NotEqual(tokens.RefreshToken, next.RefreshToken);
            tokens = next;
        }

        Assert.Equal(HttpStatusCode.OK, await factory.StatusWithTokenAsync(tokens.AccessToken));
    }
}

using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using TodoDashboard.Data;

namespace TodoDashboard.Tests.Harness;

public sealed record AccessTokens(string TokenType, string AccessToken, int ExpiresIn, string RefreshToken);

public static class ApiClientExtensions
{
    public const string Password = "Test-passphrase-1";

    public static string NewEmail() => $"user-{Guid.NewGuid():N}@example.com";

    /// <summary>
    /// Registers a new user through the real /api/auth endpoints (a Member), gives them <paramref name="role"/> when one is named,
    /// and returns a client carrying their bearer token.
    /// </summary>
    public static async Task<HttpClient> CreateUserClientAsync<T>(this WebApplicationFactory<T> factory, string? email = null, string? role = null)
        where T : class
    {
        email ??= NewEmail();
        var client = factory.CreateClient();
        var registered = await client.PostAsJsonAsync("/api/auth/register", new { email, password = Password });
        registered.EnsureSuccessStatusCode();
        if (role is not null)
        {
            await factory.Services.GrantRoleAsync(email, role);
        }

        var tokens = await client.LoginAsync(email, Password);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        return client;
    }

    /// <summary>
    /// Registers a new user as <see cref="CreateUserClientAsync"/> does and signs them in through the real /Account/Login form
    /// (its antiforgery token included), returning a client that carries the sign-in cookie as a browser would, and no Origin.
    /// </summary>
    public static async Task<HttpClient> CreateCookieClientAsync<T>(this WebApplicationFactory<T> factory, string? email = null, string? role = null)
        where T : class
    {
        email ??= NewEmail();
        (await factory.CreateUserClientAsync(email, role)).Dispose();

        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var form = await client.GetStringAsync("/Account/Login");
        var signedIn = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = HiddenInput(form, "__RequestVerificationToken"),
            ["_handler"] = HiddenInput(form, "_handler"),
            ["Input.Email"] = email,
            ["Input.Password"] = Password,
        }));
        Assert.Equal(System.Net.HttpStatusCode.Redirect, signedIn.StatusCode);
        return client;
    }

    private static string HiddenInput(string html, string name) =>
        System.Text.RegularExpressions.Regex.Match(html, $"<input[^>]*name=\"{name}\"[^>]*value=\"([^\"]*)\"") is { Success: true } match
            ? System.Net.WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException($"The login form has no {name}.");

    /// <summary>Gives an existing account a role, as an admin would (and so as the app's database triggers see it).</summary>
    public static async Task GrantRoleAsync(this IServiceProvider services, string email, string role)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No account {email}.");
        var result = await users.AddToRoleAsync(user, role);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
    }

    /// <summary>Sends a request with a JSON body (if any) and an If-Match header as given, unchecked (so malformed ones go too).</summary>
    public static Task<HttpResponseMessage> SendAsync(this HttpClient client, HttpMethod method, string url, object? body, string? ifMatch)
    {
        var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return client.SendAsync(request);
    }

    /// <summary>The ETag a response carries, as sent ("123"), or null.</summary>
    public static string? ETag(this HttpResponseMessage response) => response.Headers.ETag?.ToString();

    public static async Task<AccessTokens> LoginAsync(this HttpClient client, string email, string password)
    {
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<AccessTokens>())!;
    }
}

public static class ApiJson
{
    public static System.Text.Json.JsonSerializerOptions Options { get; } =
        new(System.Text.Json.JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<T>(Options))!;
}

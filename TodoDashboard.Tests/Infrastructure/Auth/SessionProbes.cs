using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc.Testing;

namespace TodoDashboard.Tests.Infrastructure.Auth;

/// <summary>What the sign-in tests do around the request under test: register an account, and ask whether a token or a copied cookie still opens the API.</summary>
public static class SessionProbes
{
    public static async Task<string> RegisterAsync(this HttpClient client)
    {
        var email = ApiClientExtensions.NewEmail();
        (await client.PostAsJsonAsync("/api/auth/register", new { email, password = ApiClientExtensions.Password })).EnsureSuccessStatusCode();
        return email;
    }

    public static async Task<HttpStatusCode> StatusWithTokenAsync<T>(this WebApplicationFactory<T> factory, string accessToken) where T : class
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/todos");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return (await factory.CreateClient().SendAsync(request)).StatusCode;
    }

    public static async Task<HttpStatusCode> StatusWithCookieAsync<T>(this WebApplicationFactory<T> factory, string cookie) where T : class
    {
        using var copied = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/todos");
        request.Headers.Add("Cookie", cookie);
        return (await copied.SendAsync(request)).StatusCode;
    }
}

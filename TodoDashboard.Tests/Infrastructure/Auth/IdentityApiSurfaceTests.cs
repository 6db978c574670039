using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace TodoDashboard.Tests.Infrastructure.Auth;

/// <summary>Which of Identity's API endpoints the app maps, and what the one account endpoint it keeps answers.</summary>
public class IdentityApiSurfaceTests(TodoDashboardFactory factory) : IClassFixture<TodoDashboardFactory>
{
    [Theory]
    [InlineData("POST", "/api/auth/forgotPassword")]
    [InlineData("POST", "/api/auth/resetPassword")]
    [InlineData("GET", "/api/auth/confirmEmail?userId=x&code=x")]
    [InlineData("POST", "/api/auth/resendConfirmationEmail")]
    [InlineData("POST", "/api/auth/manage/2fa")]
    [InlineData("POST", "/api/auth/manage/info")]
    public async Task Identity_endpoints_the_app_does_not_support_are_not_mapped(string method, string path)
    {
        var client = await factory.CreateUserClientAsync();

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { email = "a@example.com" }) });

        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed });
    }

    [Fact]
    public async Task Manage_info_names_the_signed_in_account_and_its_roles()
    {
        var email = ApiClientExtensions.NewEmail();
        var client = await factory.CreateUserClientAsync(email);

        var info = await (await client.GetAsync("/api/auth/manage/info")).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(email, info.GetProperty("email").GetString());
        Assert.Equal(["Member"], info.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TodoDashboard.Tests.Infrastructure.Auth;

/// <summary>Sign-in to OWASP ASVS 4.0.3 level 2 (V2): no account enumeration, and malformed fields refused with a 400 naming them.</summary>
public class SignInTests(TodoDashboardFactory factory) : IClassFixture<TodoDashboardFactory>
{
    [Fact]
    public async Task Login_answers_an_unknown_email_as_it_answers_a_wrong_password_and_a_locked_account()
    {
        var client = factory.CreateClient();
        var email = await client.RegisterAsync();

        var unknown = await client.PostAsJsonAsync("/api/auth/login", new { email = ApiClientExtensions.NewEmail(), password = ApiClientExtensions.Password });
        var wrong = await client.PostAsJsonAsync("/api/auth/login", new { email, password = "Wrong-passphrase-1" });
        for (var i = 0; i < 5; i++)
        {
            await client.PostAsJsonAsync("/api/auth/login", new { email, password = "Wrong-passphrase-1" });
        }

        var locked = await client.PostAsJsonAsync("/api/auth/login", new { email, password = ApiClientExtensions.Password });

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized], new[] { unknown.StatusCode, wrong.StatusCode, locked.StatusCode });
        var bodies = new[] { await BodyAsync(unknown), await BodyAsync(wrong), await BodyAsync(locked) };
        Assert.Equal(bodies[0], bodies[1]);
        Assert.Equal(bodies[0], bodies[2]);
    }

    [Fact]
    public async Task The_login_page_answers_an_unknown_email_as_it_answers_a_wrong_password()
    {
        var email = await factory.CreateClient().RegisterAsync();

        var unknown = await factory.CreateBrowser().SubmitLoginAsync(ApiClientExtensions.NewEmail(), ApiClientExtensions.Password);
        var wrong = await factory.CreateBrowser().SubmitLoginAsync(email, "Wrong-passphrase-1");

        Assert.Equal(unknown.StatusCode, wrong.StatusCode);
        Assert.Equal(ErrorAlert(await unknown.Content.ReadAsStringAsync()), ErrorAlert(await wrong.Content.ReadAsStringAsync()));
    }

    [Theory]
    [InlineData("/api/auth/register", """{"email":null,"password":"correct horse battery"}""", "email")]
    [InlineData("/api/auth/register", """{"email":"a@example.com","password":null}""", "password")]
    [InlineData("/api/auth/login", """{"email":null,"password":null}""", "email")]
    [InlineData("/api/auth/login", """{"email":"a@example.com"}""", "password")]
    [InlineData("/api/auth/refresh", """{"refreshToken":null}""", "refreshToken")]
    [InlineData("/api/auth/register", """{"email":"a\uFFFEb@example.com","password":"correct horse battery"}""", "email")]
    [InlineData("/api/auth/login", """{"email":"a\uFFFEb@example.com","password":"correct horse battery"}""", "email")]
    public async Task Null_or_malformed_fields_are_a_400_naming_the_field(string path, string body, string field)
    {
        var response = await factory.CreateClient().PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), errors.ToString());
    }

    [Theory]
    [InlineData("/api/auth/register")]
    [InlineData("/api/auth/login")]
    public async Task An_email_longer_than_256_characters_is_a_400_naming_the_email(string path)
    {
        var email = new string('a', 250) + "@example.com";

        var response = await factory.CreateClient().PostAsJsonAsync(path, new { email, password = ApiClientExtensions.Password });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("email", out _));
    }

    [Fact]
    public async Task The_login_page_refuses_an_email_with_a_noncharacter_without_an_error_page()
    {
        var response = await factory.CreateBrowser().SubmitLoginAsync("a\uFFFEb@example.com", ApiClientExtensions.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("must be an email address", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    // The problem without its traceId, which is per request.
    private static async Task<string> BodyAsync(HttpResponseMessage response)
    {
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        body.Remove("traceId");
        return body.ToJsonString();
    }

    private static string ErrorAlert(string html)
    {
        var match = System.Text.RegularExpressions.Regex.Match(html, "Error: [^<]*");
        Assert.True(match.Success, "The page shows no error.");
        return match.Value;
    }
}

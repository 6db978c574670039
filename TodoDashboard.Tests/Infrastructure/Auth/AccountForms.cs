using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace TodoDashboard.Tests.Infrastructure.Auth;

/// <summary>Posts the account pages' forms as a browser does: the page first (for its antiforgery token), then the form.</summary>
public static partial class AccountForms
{
    /// <summary>A client that keeps its cookies and does not follow redirects (so a sign-in's Set-Cookie can be read).</summary>
    public static HttpClient CreateBrowser<T>(this WebApplicationFactory<T> factory) where T : class =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient browser, string page, string handler, IDictionary<string, string> fields, string? action = null)
    {
        var form = new Dictionary<string, string>(fields)
        {
            ["__RequestVerificationToken"] = await browser.PageTokenAsync(page),
            ["_handler"] = handler,
        };
        return await browser.PostAsync(action ?? page, new FormUrlEncodedContent(form));
    }

    /// <summary>The antiforgery token <paramref name="page"/> renders for this browser (its cookie half is kept by the client).</summary>
    public static async Task<string> PageTokenAsync(this HttpClient browser, string page)
    {
        var html = await browser.GetStringAsync(page);
        var token = AntiforgeryToken().Match(html);
        Assert.True(token.Success, $"{page} has no antiforgery token.");
        return WebUtility.HtmlDecode(token.Groups["token"].Value);
    }

    public static Task<HttpResponseMessage> SubmitLoginAsync(this HttpClient browser, string email, string password) =>
        browser.PostFormAsync("/Account/Login", "login", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });

    public static Task<HttpResponseMessage> SubmitRegisterAsync(this HttpClient browser, string email, string password) =>
        browser.PostFormAsync("/Account/Register", "register", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
        });

    /// <summary>The Identity cookie a response sets, as "name=value" for a Cookie header.</summary>
    public static string IdentityCookie(this HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.Select(c => c.Split(';')[0]).Single(c => c.StartsWith(".AspNetCore.Identity.Application=", StringComparison.Ordinal))
            : throw new InvalidOperationException($"No cookie set ({(int)response.StatusCode}).");

    /// <summary>The validation messages a page shows under the field <paramref name="id"/> (up to the next field).</summary>
    public static List<string> MessagesUnder(string html, string id)
    {
        var start = html.IndexOf($"id=\"{id}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"The page has no field {id}.");
        var end = html.IndexOf("class=\"account-field\"", start, StringComparison.Ordinal);
        var field = end < 0 ? html[start..] : html[start..end];
        return ValidationMessage().Matches(field).Select(m => WebUtility.HtmlDecode(m.Groups["text"].Value)).ToList();
    }

    [GeneratedRegex("class=\"validation-message\">(?<text>[^<]*)<")]
    private static partial Regex ValidationMessage();

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"(?<token>[^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}

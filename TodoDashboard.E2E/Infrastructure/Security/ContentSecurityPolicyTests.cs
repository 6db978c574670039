using TodoDashboard.E2E.Pages;

namespace TodoDashboard.E2E.Infrastructure.Security;

/// <summary>
/// Chromium enforcing the app's Content-Security-Policy on every page: anything it blocks (an inline script, a style,
/// the circuit's WebSocket, a font from a CDN) it logs to the console, which <see cref="AppFixture"/> watches in every E2E class.
/// </summary>
public sealed class ContentSecurityPolicyTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task No_page_of_the_app_logs_a_content_security_policy_violation()
    {
        var page = await app.NewPageAsync(signedIn: true);

        var response = await page.GotoAsync("/");
        Assert.DoesNotContain("'unsafe-inline'", ScriptSources(await response!.HeaderValueAsync("content-security-policy")));
        await page.WaitForCircuitAsync();

        // Through the menu, as a user goes: the circuit routes the panels; Account is a static page, reached by enhanced navigation.
        var panels = new (string Link, ILocator Heading)[]
        {
            ("Todos", new TodosPage(page).Heading),
            ("Jobs", new JobsPage(page).Heading),
            ("Share prices", new SharesPage(page).Heading),
            ("Three databases", new MultiDbPage(page).Heading),
            ("Customers", new CustomersPage(page).Heading),
            ("Users and roles", new AdminUsersPage(page).Heading),
            ("Account", page.GetByRole(AriaRole.Heading, new() { Name = "Your account", Exact = true })),
        };
        foreach (var (link, heading) in panels)
        {
            await page.GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).ClickAsync();
            await Expect(heading).ToBeVisibleAsync();
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        }

        foreach (var path in new[] { "/Account/Manage/ChangePassword", "/Account/AccessDenied?role=Admin", "/not-found", "/" })
        {
            await page.GotoAsync(path);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        }

        await page.WaitForCircuitAsync();

        // Scalar's reference renders the app's own OpenAPI document with its scripts nonced.
        await page.GotoAsync("/api/docs");
        await Expect(page).ToHaveTitleAsync("TodoDashboard API");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Auth", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Todos", Exact = true })).ToBeVisibleAsync();

        var signedOut = await app.NewPageAsync();
        var account = new AccountPages(signedOut);
        await account.GotoLoginAsync();
        await account.GotoRegisterAsync();
        await signedOut.GotoAsync("/Account/Lockout");
        await signedOut.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.Empty(app.ContentSecurityPolicyViolations);
    }

    private static string ScriptSources(string? policy) =>
        policy?.Split(';').Select(d => d.Trim()).FirstOrDefault(d => d.StartsWith("script-src ", StringComparison.Ordinal))
        ?? throw new InvalidOperationException($"No script-src in \"{policy}\".");
}

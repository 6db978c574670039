using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;

namespace TodoDashboard.E2E.Components;

/// <summary>
/// axe-core's WCAG 2.1 A and AA rules on every page, signed out and in, in both colour schemes and at a laptop's and a
/// phone's width: no serious or critical violation anywhere. Each page is also kept as a screenshot to look at.
/// </summary>
public sealed class AccessibilityTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly string[] SignedOutPages = ["/", "/Account/Login", "/Account/Register", "/no-such-page"];

    private static readonly string[] SignedInPages =
    [
        "/", "/todos", "/jobs", "/shares", "/customers", "/multidb", "/operations", "/admin/users",
        "/Account/Manage", "/Account/Manage/ChangePassword", "/Account/Manage/Passkeys", "/Account/Manage/TwoFactorAuthentication",
        "/Account/Manage/EnableAuthenticator", "/Account/Manage/GenerateRecoveryCodes", "/no-such-page",
    ];

    private static readonly AxeRunOptions WcagAa = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    [Theory]
    [InlineData(ColorScheme.Light, 1366)]
    [InlineData(ColorScheme.Dark, 1366)]
    [InlineData(ColorScheme.Light, 390)]
    [InlineData(ColorScheme.Dark, 390)]
    public async Task Every_page_passes_the_WCAG_AA_rules_without_a_serious_violation(ColorScheme scheme, int width)
    {
        var failures = new List<string>();
        var signedOut = await app.NewPageAsync(width: width, colorScheme: scheme);
        foreach (var path in SignedOutPages)
        {
            failures.AddRange(await AuditAsync(signedOut, path, scheme, width, "out"));
        }

        var signedIn = await app.NewPageAsync(signedIn: true, width: width, colorScheme: scheme);
        await SeedAsync(signedIn);
        foreach (var path in SignedInPages)
        {
            failures.AddRange(await AuditAsync(signedIn, path, scheme, width, "in"));
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task The_theme_follows_the_system_until_the_user_picks_one_and_the_pick_is_remembered()
    {
        var page = await app.NewPageAsync(signedIn: true, colorScheme: ColorScheme.Dark);
        var toggle = page.GetByTestId("theme-toggle");
        var body = page.Locator("body");
        await page.GotoAsync("/todos");
        await page.WaitForCircuitAsync();
        await Expect(body).ToHaveCSSAsync("background-color", "rgb(30, 30, 45)");
        await Expect(toggle).ToHaveAttributeAsync("aria-label", "Theme: follows the system. Switch to light");

        await toggle.ClickAsync();
        await Expect(toggle).ToHaveAttributeAsync("data-theme", "Light");
        await Expect(body).ToHaveCSSAsync("background-color", "rgb(245, 246, 250)");
        Assert.EndsWith("/todos", page.Url, StringComparison.Ordinal);

        await page.WaitForCircuitAsync();
        await toggle.ClickAsync();
        await Expect(toggle).ToHaveAttributeAsync("data-theme", "Dark");
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
        await page.GotoAsync("/Account/Manage");
        await Expect(body).ToHaveCSSAsync("background-color", "rgb(30, 30, 45)");
        await app.ScreenshotAsync(page, "theme-dark-chosen-on-a-light-system");

        await page.GetByTestId("theme-toggle").ClickAsync();
        await Expect(toggle).ToHaveAttributeAsync("data-theme", "System");
        await Expect(body).ToHaveCSSAsync("background-color", "rgb(245, 246, 250)");
    }

    private async Task<IEnumerable<string>> AuditAsync(IPage page, string path, ColorScheme scheme, int width, string who)
    {
        await page.GotoAsync(path);
        if (!path.StartsWith("/Account", StringComparison.Ordinal))
        {
            await page.WaitForCircuitAsync();
        }

        // The page is in the scheme asked for: the circuit has asked the browser, or the server read the scheme's cookie.
        await Expect(page.Locator("body")).ToHaveCSSAsync("background-color", scheme == ColorScheme.Dark ? "rgb(30, 30, 45)" : "rgb(245, 246, 250)");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Expect(page.Locator(".mud-progress-linear-indeterminate, .mud-skeleton")).ToHaveCountAsync(0);
        var name = path.Trim('/').Replace('/', '-') is { Length: > 0 } trimmed ? trimmed : "home";
        await app.ScreenshotAsync(page, $"a11y-{name}-{who}-{scheme.ToString().ToLowerInvariant()}-{width}");

        var result = await page.RunAxe(WcagAa);
        return result.Violations
            .Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{path} ({who}, {scheme}, {width} px): {v.Id} [{v.Impact}] {v.Help} on "
                + string.Join(" | ", v.Nodes.Take(5).Select(n => $"{n.Target} {n.Any.Concat(n.All).Concat(n.None).Select(c => c.Message).FirstOrDefault()}")));
    }

    // Something on each panel, so tables and charts are audited with rows in them, not only their empty states.
    private async Task SeedAsync(IPage page)
    {
        var api = page.APIRequest;
        var headers = app.SameOriginHeaders;
        await api.PostAsync("/api/todos", new() { DataObject = new { title = "Audit the pages" }, Headers = headers });
        var done = await api.PostAsync("/api/todos", new() { DataObject = new { title = "Pick a palette" }, Headers = headers });
        var id = (await done.JsonAsync())!.Value.GetProperty("id").GetInt64();
        await api.PatchAsync($"/api/todos/{id}/toggle", new() { Headers = headers });
        await api.PostAsync("/api/jobs", new() { DataObject = new { items = 3 }, Headers = headers });
        await api.PostAsync("/api/shares/generate", new() { DataObject = new { count = 20 }, Headers = headers });
        await api.PostAsync("/api/multidb/runs", new() { Headers = headers });
        await api.PostAsync("/api/shares/price-updates", new() { DataObject = new { strategy = "bulk", change = "add", amount = 1 }, Headers = headers });
    }
}

using Microsoft.Playwright;

/// <summary>Debian's Chromium through Playwright, and a sign-in through the real form whose cookies later pages reuse.</summary>
internal static class Browser
{
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new()
    {
        Headless = true,
        ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium",
        Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });

    /// <summary>Logs in through /Account/Login and saves the cookies (the sign-in's and the proxy's affinity) to <paramref name="statePath"/>.</summary>
    public static async Task SignInAsync(IBrowser browser, string baseUrl, string email, string password, string statePath)
    {
        await using var login = await browser.NewContextAsync(new() { BaseURL = baseUrl });
        var page = await login.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
        await WaitForCircuitAsync(page);
        await login.StorageStateAsync(new() { Path = statePath });
    }

    public static Task WaitForCircuitAsync(IPage page) =>
        page.GetByTestId("circuit-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 60_000 });
}

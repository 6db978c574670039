namespace TodoDashboard.E2E.Pages;

/// <summary>What an unknown address shows: the app's 404 inside its layout.</summary>
public sealed class NotFoundPage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = "Page not found", Level = 1 });

    public ILocator HomeLink => page.GetByRole(AriaRole.Link, new() { Name = "Go to the home page" });

    public ILocator AppBarTitle => page.GetByRole(AriaRole.Link, new() { Name = "TodoDashboard", Exact = true });

    /// <summary>Opens the address and returns the HTTP status it answered with.</summary>
    public async Task<int> GotoAsync(string url)
    {
        var response = await page.GotoAsync(url);
        await page.WaitForCircuitAsync();
        return response!.Status;
    }
}

namespace TodoDashboard.E2E.Pages;

/// <summary>"/": signed in, the dashboard (one card per panel, each with a headline figure); signed out, the landing.</summary>
public sealed class HomePage(IPage page)
{
    public ILocator TodosHeadline => page.GetByTestId("todos-headline");

    public ILocator TodosCaption => page.GetByText(new Regex("^(no todos yet · |open of )"));

    public ILocator JobsHeadline => page.GetByTestId("jobs-headline");

    public ILocator JobsCaption => page.GetByText(new Regex(@"^(jobs run|\d+ of \d+ items) · "));

    public ILocator SharesHeadline => page.GetByTestId("shares-headline");

    public ILocator SharesCaption => page.GetByText(new Regex("^(no price update yet|rows per second, last |[a-z]+ update running$)"));

    public ILocator DatabasesHeadline => page.GetByTestId("databases-headline");

    public ILocator DatabasesCaption => page.GetByText(new Regex("^(no run yet|last run: )"));

    public ILocator CustomersHeadline => page.GetByTestId("customers-headline");

    public ILocator CardTitle(string title) => page.GetByRole(AriaRole.Heading, new() { Name = title, Exact = true, Level = 2 });

    /// <summary>The card's way into its panel.</summary>
    public ILocator OpenLink(string title) => page.GetByRole(AriaRole.Link, new() { Name = $"Open {title}", Exact = true });

    public ILocator LandingHeading => page.GetByRole(AriaRole.Heading, new() { Name = "TodoDashboard", Exact = true, Level = 1 });

    public ILocator LandingSummary => page.GetByTestId("landing-summary");

    public ILocator LandingPanels => page.GetByTestId("landing-panel");

    public ILocator LandingPanelTitle(string name) => page.GetByRole(AriaRole.Heading, new() { Name = name, Exact = true, Level = 3 });

    // Inside the content, not the app bar's own "Register".
    public ILocator SignInButton => page.Locator(".mud-main-content").GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true });

    public ILocator RegisterButton => page.Locator(".mud-main-content").GetByRole(AriaRole.Link, new() { Name = "Register", Exact = true });

    public async Task GotoAsync()
    {
        await page.GotoAsync("/");
        await page.WaitForCircuitAsync();
    }
}

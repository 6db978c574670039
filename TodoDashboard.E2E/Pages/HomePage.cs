namespace TodoDashboard.E2E.Pages;

/// <summary>The dashboard at "/": one card per panel, each with a headline figure.</summary>
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

    public async Task GotoAsync()
    {
        await page.GotoAsync("/");
        await page.WaitForCircuitAsync();
    }
}

using TodoDashboard.E2E.Infrastructure;

namespace TodoDashboard.E2E.Pages;

/// <summary>The dashboard at "/": one card per panel, each with a headline figure.</summary>
public sealed class HomePage(IPage page)
{
    public ILocator TodosHeadline => page.GetByTestId("todos-headline");

    public ILocator TodosCaption => page.GetByText(new Regex("^open of "));

    public ILocator JobsHeadline => page.GetByTestId("jobs-headline");

    public ILocator JobsCaption => page.GetByText(new Regex(@"^(jobs run|\d+ of \d+ items) · "));

    public async Task GotoAsync()
    {
        await page.GotoAsync("/");
        await page.WaitForCircuitAsync();
    }
}

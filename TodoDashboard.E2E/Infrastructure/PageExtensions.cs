namespace TodoDashboard.E2E.Infrastructure;

public static class PageExtensions
{
    /// <summary>
    /// Waits until the Blazor circuit is connected. A pre-rendered page shows its buttons before that,
    /// and clicks in that window are lost; MainLayout renders the marker only once it is interactive.
    /// </summary>
    public static Task WaitForCircuitAsync(this IPage page) =>
        page.GetByTestId("circuit-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });
}

namespace TodoDashboard.E2E.Harness;

public static class PageExtensions
{
    /// <summary>
    /// Waits until the Blazor circuit is connected. A pre-rendered page shows its buttons before that,
    /// and clicks in that window are lost; MainLayout renders the marker only once it is interactive.
    /// </summary>
    public static Task WaitForCircuitAsync(this IPage page) =>
        page.GetByTestId("circuit-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    /// <summary>Tags the loaded document, so <see cref="ExpectSameDocumentAsync"/> can tell that nothing reloaded it since.</summary>
    public static Task MarkDocumentAsync(this IPage page) => page.EvaluateAsync("() => { window.e2eDocumentMark = true; }");

    /// <summary>Fails if the document tagged by <see cref="MarkDocumentAsync"/> was replaced by a reload or a navigation.</summary>
    public static async Task ExpectSameDocumentAsync(this IPage page) =>
        Assert.True(await page.EvaluateAsync<bool>("() => window.e2eDocumentMark === true"), "The page was reloaded.");
}

using TodoDashboard.E2E.Pages;

namespace TodoDashboard.E2E.Features.Operations;

public sealed class OperationsPageTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_job_started_through_the_api_shows_live_on_operations_and_can_be_cancelled_then_retried_from_its_detail()
    {
        // A member of their own: a user has one active job at a time, and the test reads the whole list and chart.
        var (page, _) = await app.NewMemberPageAsync();
        var operations = new OperationsPage(page);
        var id = await StartJobAsync(page, items: 40);

        await operations.GotoAsync();
        await page.MarkDocumentAsync();
        var row = operations.Row("Job", id);
        await Expect(row.GetByTestId("run-state")).ToHaveTextAsync("Running");

        // At 300 ms an item, the percent moves on while the page stays the same document: it is live, not reloaded.
        await Expect(row.GetByTestId("run-percent")).ToHaveTextAsync(new Regex(@"^[1-9]\d?(\.\d)?%$"));
        var first = await row.GetByTestId("run-percent").InnerTextAsync();
        await Expect(row.GetByTestId("run-percent")).Not.ToHaveTextAsync(first);
        await Expect(operations.RatesSummary).ToHaveTextAsync(new Regex($@"^1 run is running: Job {OperationsPage.ShortId(id)} at [\d.,]+/s\.$"));
        await page.ExpectSameDocumentAsync();
        await app.ScreenshotAsync(page, "ops-list-1366");

        await operations.RunLink("Job", id).ClickAsync();
        await Expect(operations.DetailHeading("Job", id)).ToBeVisibleAsync();
        await Expect(operations.DetailState).ToHaveTextAsync("Running");
        await Expect(operations.DetailEta).ToHaveTextAsync(new Regex(@"(left|estimating time left…)$"));
        await Expect(operations.DetailNode).Not.ToHaveTextAsync("–");
        await Expect(operations.AttemptRows).ToHaveCountAsync(1);
        await Expect(operations.LogLines.First).ToContainTextAsync("Queued by");
        await Expect(operations.RetryButton).ToHaveCountAsync(0);
        await app.ScreenshotAsync(page, "ops-detail-running-1366");

        await operations.CancelButton.ClickAsync();
        await Expect(operations.DetailState).ToHaveTextAsync("Cancelled");
        await Expect(operations.CancelButton).ToHaveCountAsync(0);
        await Expect(operations.ResumeButton).ToBeEnabledAsync();
        await Expect(operations.LogLines.Filter(new() { HasText = "Cancel requested." })).ToHaveCountAsync(1);
        await Expect(operations.LogLines.Filter(new() { HasTextRegex = new("Cancelled after \\d+ of 40") })).ToHaveCountAsync(1);
        await Expect(operations.AttemptRows.GetByTestId("attempt-outcome")).ToHaveTextAsync("Cancelled");
        await app.ScreenshotAsync(page, "ops-detail-cancelled-1366");

        await operations.RetryButton.ClickAsync();
        await Expect(page).Not.ToHaveURLAsync(new Regex($"{id}$"));
        var retried = operations.ShownRunId();
        await Expect(operations.DetailHeading("Job", retried)).ToBeVisibleAsync();
        await Expect(operations.DetailSubtitle).ToContainTextAsync($"retry of run {OperationsPage.ShortId(id)}");
        await Expect(operations.DetailState).ToHaveTextAsync("Running");
        await Expect(operations.LogLines.Filter(new() { HasText = "Retry asked for by" })).ToHaveCountAsync(1);
        await app.ScreenshotAsync(page, "ops-detail-retry-1366");

        // Both runs are on the list, newest first, and the cancelled one is in the last hour's chart (beside whatever
        // shared runs, price updates or generations, other tests of the class ended).
        await page.GetByRole(AriaRole.Link, new() { Name = "Operations", Exact = true }).First.ClickAsync();
        await Expect(operations.Heading).ToBeVisibleAsync();
        await Expect(operations.Rows.Nth(0)).ToContainTextAsync(OperationsPage.ShortId(retried));
        await Expect(operations.Rows.Nth(1)).ToContainTextAsync(OperationsPage.ShortId(id));
        await Expect(operations.ThroughputSummary).ToContainTextAsync(new Regex(@"\b1 cancelled\)\..* Job: 1[;.]"));
        await Expect(operations.ThroughputChart).ToBeVisibleAsync();

        await page.SetViewportSizeAsync(390, 844);
        await app.ScreenshotAsync(page, "ops-list-390");
        await operations.GotoRunAsync("Job", retried);
        await app.ScreenshotAsync(page, "ops-detail-running-390");
        await operations.CancelButton.ClickAsync();
        await Expect(operations.DetailState).ToHaveTextAsync("Cancelled");
        await app.ScreenshotAsync(page, "ops-detail-cancelled-390");
    }

    [Fact]
    public async Task The_filters_live_in_the_url_so_a_reload_and_Back_restore_the_view()
    {
        var (page, _) = await app.NewMemberPageAsync();
        var operations = new OperationsPage(page);
        var id = await StartJobAsync(page, items: 1);

        await operations.GotoAsync("?state=succeeded");
        await Expect(operations.Row("Job", id).GetByTestId("run-state")).ToHaveTextAsync("Succeeded");
        await Expect(operations.Filter("State")).ToHaveTextAsync("Succeeded");

        await operations.ChooseAsync("Kind", "Job");
        await operations.ChooseAsync("Created", "Last hour");
        await Expect(page).ToHaveURLAsync(new Regex(@"/operations\?state=succeeded&kind=jobs&time=hour$"));
        await Expect(operations.Row("Job", id)).ToHaveCountAsync(1);

        await operations.ChooseAsync("State", "Failed");
        await Expect(page).ToHaveURLAsync(new Regex(@"/operations\?state=failed&kind=jobs&time=hour$"));
        await Expect(operations.EmptyState).ToContainTextAsync("No run matches these filters.");
        await app.ScreenshotAsync(page, "ops-filtered-empty-1366");

        await page.ReloadAsync();
        await page.WaitForCircuitAsync();
        await Expect(operations.Filter("State")).ToHaveTextAsync("Failed");
        await Expect(operations.Filter("Kind")).ToHaveTextAsync("Job");
        await Expect(operations.Filter("Created")).ToHaveTextAsync("Last hour");
        await Expect(operations.EmptyState).ToBeVisibleAsync();

        // Back is the view before the last choice: succeeded again, with its row.
        await page.GoBackAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/operations\?state=succeeded&kind=jobs&time=hour$"));
        await Expect(operations.Filter("State")).ToHaveTextAsync("Succeeded");
        await Expect(operations.Row("Job", id)).ToHaveCountAsync(1);

        await page.GetByRole(AriaRole.Button, new() { Name = "Clear filters", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/operations$"));
        await Expect(operations.Row("Job", id)).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task The_home_card_leads_to_operations_and_an_unknown_run_shows_not_found()
    {
        var page = await app.NewPageAsync(signedIn: true);
        var home = new HomePage(page);
        var operations = new OperationsPage(page);

        await home.GotoAsync();
        await Expect(home.CardTitle("Operations")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("operations-headline")).ToHaveTextAsync(new Regex(@"^\d+$"));
        await app.ScreenshotAsync(page, "ops-home-1366");
        await home.OpenLink("Operations").ClickAsync();
        await Expect(operations.Heading).ToBeVisibleAsync();

        await page.GotoAsync($"/operations/{Guid.NewGuid()}");
        await page.WaitForCircuitAsync();
        await Expect(operations.NotFound).ToBeVisibleAsync();
        await app.ScreenshotAsync(page, "ops-not-found-1366");
    }

    [Fact]
    public async Task An_admin_watches_runs_of_three_kinds_end_and_reads_a_generations_own_figures()
    {
        var page = await app.NewPageAsync(signedIn: true);
        var operations = new OperationsPage(page);
        await PostAsync(page, "/api/shares/generate", new { count = 100 });
        var job = await StartJobAsync(page, items: 2);
        var prices = await PostAsync(page, "/api/shares/price-updates", new { strategy = "bulk" });
        var customers = await PostAsync(page, "/api/customers/generate", new { count = 2000 });

        await operations.GotoAsync();
        await Expect(operations.Row("Customer generation", customers).GetByTestId("run-state")).ToHaveTextAsync("Succeeded", new() { Timeout = 60_000 });
        await Expect(operations.Row("Price update", prices).GetByTestId("run-state")).ToHaveTextAsync("Succeeded");
        await Expect(operations.Row("Job", job).GetByTestId("run-state")).ToHaveTextAsync("Succeeded");
        // Other tests of the class end runs of other kinds (a scale run, a no-op run) in the same hour's chart.
        await Expect(operations.ThroughputSummary).ToContainTextAsync(new Regex(@"By kind: Customer generation: [1-9]\d*; Job: [1-9]\d*;.* Price update: [1-9]\d*\."));
        await app.ScreenshotAsync(page, "ops-kinds-1366");

        await operations.ChooseAsync("Kind", "Price update");
        await Expect(operations.Rows).ToHaveCountAsync(1);
        await Expect(page).ToHaveURLAsync(new Regex(@"/operations\?kind=price-updates$"));

        await operations.GotoRunAsync("Customer generation", customers);
        await Expect(page.GetByTestId("run-parameters")).ToContainTextAsync("2,000");
        await Expect(page.GetByTestId("run-data")).ToContainTextAsync("Phase");
        await app.ScreenshotAsync(page, "ops-generation-detail-1366");
    }

    [Fact]
    public async Task A_scale_run_is_watched_to_its_end_and_a_failed_run_is_retried_from_its_detail()
    {
        var page = await app.NewPageAsync(signedIn: true);
        var operations = new OperationsPage(page);
        var scale = await PostAsync(page, "/api/multidb/runs", new { scale = 30 });
        var failing = await PostAsync(page, "/api/runs/noop", new { steps = 5, failAtStep = 3 });

        await operations.GotoAsync();
        await Expect(operations.Row("Multi-database scale run", scale).GetByTestId("run-state")).ToHaveTextAsync("Succeeded", new() { Timeout = 60_000 });
        await Expect(operations.Row("No-op run", failing).GetByTestId("run-state")).ToHaveTextAsync("Failed");

        await operations.GotoRunAsync("No-op run", failing);
        await Expect(operations.DetailState).ToHaveTextAsync("Failed");
        await Expect(operations.LogLines.Filter(new() { HasText = "Stopped at step 3, as its parameters asked." })).ToHaveCountAsync(1);
        await Expect(operations.ResumeButton).ToBeEnabledAsync();

        await operations.RetryButton.ClickAsync();
        await Expect(page).Not.ToHaveURLAsync(new Regex($"{failing}$"));
        var retried = operations.ShownRunId();
        await Expect(operations.DetailHeading("No-op run", retried)).ToBeVisibleAsync();
        await Expect(operations.DetailSubtitle).ToContainTextAsync($"retry of run {OperationsPage.ShortId(failing)}");
        await Expect(operations.DetailState).ToHaveTextAsync("Failed");
        await Expect(operations.LogLines.Filter(new() { HasText = "Retry asked for by" })).ToHaveCountAsync(1);
        await app.ScreenshotAsync(page, "ops-detail-retried-failed-1366");
    }

    private async Task<Guid> PostAsync(IPage page, string url, object body)
    {
        var response = await page.APIRequest.PostAsync(url, new() { DataObject = body, Headers = app.SameOriginHeaders });
        Assert.True(response.Ok, $"POST {url} returned {response.Status}");
        return (await response.JsonAsync())!.Value.TryGetProperty("id", out var id) ? id.GetGuid() : Guid.Empty;
    }

    private Task<Guid> StartJobAsync(IPage page, int items) => PostAsync(page, "/api/jobs", new { items });
}

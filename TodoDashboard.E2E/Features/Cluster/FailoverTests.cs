using Npgsql;
using TodoDashboard.E2E.Pages;

namespace TodoDashboard.E2E.Features.Cluster;

/// <summary>Three app processes behind nginx: the instance serving a browser is killed outright.</summary>
public sealed class FailoverTests(ClusterFixture app) : IClassFixture<ClusterFixture>
{
    private const int Items = 40;

    [Fact]
    public async Task Pages_on_a_killed_instance_come_back_on_another_with_their_view_and_the_job_finishes_with_exact_counts()
    {
        var jobsPage = await app.NewPageAsync(signedIn: true);
        // A second tab of the same browser: the same affinity cookie, so nginx sends it to the same instance.
        var todosPage = await jobsPage.Context.NewPageAsync();
        var todos = new TodosPage(todosPage);
        await todos.GotoAsync();
        foreach (var title in new[] { "Buy milk", "Walk the dog", "Buy bread" })
        {
            await todos.AddAsync(title);
        }

        await todos.SearchAsync("buy");
        await Expect(todosPage).ToHaveURLAsync(new Regex("search=buy"));
        await Expect(todos.Titles).ToHaveCountAsync(2);
        // Typed, never added: the one thing a crash cannot keep, which the page must then say.
        await todosPage.GetByLabel("Title", new() { Exact = true }).FillAsync("Call the plumber");

        var jobs = new JobsPage(jobsPage);
        await jobs.GotoAsync();
        await jobs.StartAsync(Items);
        await Expect(jobs.Done).ToHaveTextAsync(new Regex($@"^([2-9]|1\d) / {Items}$"));

        var serving = await app.Cluster.ServingAsync(jobsPage);
        serving.Kill();

        // Within 10 s both tabs are live again, through nginx, on another instance.
        var failover = new LocatorAssertionsToBeVisibleOptions { Timeout = 10_000 };
        await Expect(jobsPage.GetByTestId("failover-notice")).ToBeVisibleAsync(failover);
        await Expect(todosPage.GetByTestId("failover-notice")).ToBeVisibleAsync(failover);
        await jobsPage.WaitForCircuitAsync();
        await todosPage.WaitForCircuitAsync();
        Assert.NotSame(serving, await app.Cluster.ServingAsync(jobsPage));
        await app.ScreenshotAsync(todosPage, "cluster-failover-todos");

        // The view came back from the address; the unsaved title is named, not silently dropped.
        await Expect(todos.SearchBox).ToHaveValueAsync("buy");
        await Expect(todos.Titles).ToHaveCountAsync(2);
        await Expect(todos.Row("Walk the dog")).ToHaveCountAsync(0);
        await Expect(todosPage.GetByTestId("failover-unsaved")).ToContainTextAsync("Title");
        await Expect(jobsPage.GetByTestId("failover-unsaved")).ToHaveCountAsync(0);

        // The progress goes on live on the new circuit, and the job ends on a surviving instance with every item once.
        await Expect(jobs.Status).ToHaveTextAsync("Succeeded", new() { Timeout = 60_000 });
        await Expect(jobs.Done).ToHaveTextAsync($"{Items} / {Items}");
        await app.ScreenshotAsync(jobsPage, "cluster-failover-jobs");

        await using var connection = new NpgsqlConnection(app.Cluster.ConnectionString);
        await connection.OpenAsync();
        await using var items = new NpgsqlCommand("SELECT count(*), count(DISTINCT number), min(number), max(number) FROM job_items", connection);
        await using var reader = await items.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal((Items, Items, 1, Items), (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt32(2), reader.GetInt32(3)));
    }

    [Fact]
    public async Task Pages_on_a_stopping_instance_move_to_another_with_what_was_typed_and_name_the_dialog_they_lost()
    {
        var page = await app.NewPageAsync(signedIn: true);
        var todos = new TodosPage(page);
        await todos.GotoAsync();
        await todos.AddAsync("Pay rent");
        await todos.AddAsync("Water the plants");
        await todos.SearchAsync("pay");
        await Expect(page).ToHaveURLAsync(new Regex("search=pay"));
        await Expect(todos.Titles).ToHaveTextAsync(["Pay rent"]);
        // Typed and not added yet; Tab hands it to the circuit, as leaving the field does.
        var title = page.GetByLabel("Title", new() { Exact = true });
        await title.FillAsync("Pay the plumber");
        await title.PressAsync("Tab");
        // An edit begun in a dialog: dialogs are not circuit state, so the moved page must say what it lost.
        await todos.Row("Pay rent").GetByRole(AriaRole.Button, new() { Name = "Edit Pay rent", Exact = true }).ClickAsync();
        await todos.Dialog.GetByLabel("Title", new() { Exact = true }).FillAsync("Pay the rent");
        await page.MarkDocumentAsync();

        // A graceful stop: the instance pauses the circuit, the browser resumes it on another instance.
        var serving = await app.Cluster.ServingAsync(page);
        await serving.StopAsync();
        await page.WaitForFunctionAsync("() => tdFailover.circuits >= 2");

        await Expect(title).ToHaveValueAsync("Pay the plumber");
        await Expect(todos.Dialog).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("failover-unsaved")).ToContainTextAsync("Title (in the dialog)");
        await app.ScreenshotAsync(page, "cluster-moved-todos");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add todo" }).ClickAsync();
        await Expect(todos.Titles).ToHaveTextAsync(["Pay the plumber", "Pay rent"]);
        await Expect(todos.SearchBox).ToHaveValueAsync("pay");
        await page.ExpectSameDocumentAsync();
        Assert.NotSame(serving, await app.Cluster.ServingAsync(page));
    }
}

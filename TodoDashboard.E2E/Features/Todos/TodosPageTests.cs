using TodoDashboard.E2E.Pages;

namespace TodoDashboard.E2E.Features.Todos;

public sealed class TodosPageTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Esc_closes_a_dialog_and_the_page_has_one_main_landmark()
    {
        var page = await app.NewPageAsync(signedIn: true);
        var todos = new TodosPage(page);
        var title = $"Esc {Guid.NewGuid():N}"[..12];

        await todos.GotoAsync();
        await Expect(page.GetByRole(AriaRole.Main)).ToHaveCountAsync(1);
        await todos.AddAsync(title);
        await todos.Row(title).GetByRole(AriaRole.Button, new() { Name = $"Edit {title}", Exact = true }).ClickAsync();
        await Expect(todos.Dialog).ToBeVisibleAsync();

        await todos.Dialog.GetByLabel("Title", new() { Exact = true }).PressAsync("Escape");

        await Expect(todos.Dialog).ToHaveCountAsync(0);
        await Expect(todos.Row(title)).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Filter_and_search_live_in_the_address_so_reload_and_back_show_them_and_the_export_has_them()
    {
        var page = await app.NewPageAsync(signedIn: true);
        var todos = new TodosPage(page);
        var tag = $"u{Guid.NewGuid():N}"[..8];

        await todos.GotoAsync();
        await todos.AddAsync($"{tag} milk done");
        await todos.AddAsync($"{tag} milk open");
        await todos.AddAsync($"{tag} bread open");
        await todos.MarkDoneAsync($"{tag} milk done");
        await page.MarkDocumentAsync();

        await todos.ShowAsync("Active");
        await todos.SearchAsync($"{tag} MILK");
        await Expect(todos.Titles).ToHaveTextAsync([$"{tag} milk open"]);
        await Expect(page).ToHaveURLAsync(new Regex($@"/todos\?filter=active&search={tag}%20MILK$"));
        await page.ExpectSameDocumentAsync();
        await app.ScreenshotAsync(page, "todos-search-1366");

        await todos.ReloadAsync();
        await Expect(todos.Titles).ToHaveTextAsync([$"{tag} milk open"]);
        await Expect(todos.SearchBox).ToHaveValueAsync($"{tag} MILK");
        await Expect(todos.FilterRadio("Active")).ToBeCheckedAsync();

        await todos.SearchAsync($"{tag} bread");
        await Expect(todos.Titles).ToHaveTextAsync([$"{tag} bread open"]);
        await page.GoBackAsync();
        await Expect(todos.Titles).ToHaveTextAsync([$"{tag} milk open"]);
        await Expect(todos.SearchBox).ToHaveValueAsync($"{tag} MILK");
        await page.GoBackAsync();
        await Expect(todos.SearchBox).ToHaveValueAsync("");
        await Expect(todos.FilterRadio("Active")).ToBeCheckedAsync();
        await page.GoForwardAsync();
        await Expect(todos.SearchBox).ToHaveValueAsync($"{tag} MILK");

        await todos.ShowAsync("All");
        var download = await page.RunAndWaitForDownloadAsync(() => todos.ExportLink.ClickAsync());
        var csv = await File.ReadAllTextAsync(await download.PathAsync());
        Assert.Equal(["id,title,description,is_completed,created_at", $"{tag} milk open", $"{tag} milk done"],
            csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select((line, i) => i == 0 ? line : line.Split(',')[1]));

        await page.SetViewportSizeAsync(390, 844);
        await Expect(todos.SearchBox).ToBeVisibleAsync();
        await app.ScreenshotAsync(page, "todos-search-390");
    }

    [Fact]
    public async Task A_new_user_can_add_complete_edit_and_delete_a_todo_and_compare_the_stats_modes()
    {
        var page = await app.NewPageAsync();
        var account = new AccountPages(page);
        var todos = new TodosPage(page);
        var email = TestUsers.NewEmail();

        await account.GotoRegisterAsync();
        await app.ScreenshotAsync(page, "register");
        await account.RegisterAsync(email, TestUsers.Password);
        await account.LogoutAsync();
        await account.LoginAsync(email, TestUsers.Password);

        await todos.GotoAsync();
        await Expect(todos.EmptyState).ToBeVisibleAsync();
        await todos.AddAsync("Buy milk");
        await app.ScreenshotAsync(page, "todos-with-todo");

        await todos.MarkDoneAsync("Buy milk");
        await todos.ShowAsync("Active");
        await Expect(todos.EmptyState).ToBeVisibleAsync();
        await todos.ShowAsync("Completed");
        await Expect(todos.Row("Buy milk")).ToBeVisibleAsync();

        await todos.EditTitleAsync("Buy milk", "Buy oat milk");
        await Expect(todos.Row("Buy milk")).ToHaveCountAsync(0);

        await todos.DeleteAsync("Buy oat milk");
        await Expect(todos.EmptyState).ToBeVisibleAsync();

        await todos.RunStatsAsync(runs: 2);
        await Expect(todos.SameResultsChip).ToHaveTextAsync("All three modes returned the same data");
        await app.ScreenshotAsync(page, "todos-after-stats");

        await account.LogoutAsync();
        await app.ScreenshotAsync(page, "login");
    }

    [Fact]
    public async Task Run_all_three_times_each_mode_three_times_charts_them_and_goes_stale_when_a_todo_changes()
    {
        var page = await app.NewPageAsync(signedIn: true);
        var todos = new TodosPage(page);
        var title = $"Stats {Guid.NewGuid():N}"[..14];
        await todos.GotoAsync();
        await todos.AddAsync(title);

        await todos.RunStatsAsync(runs: 3);

        await Expect(todos.StatsVerdict).ToHaveTextAsync(new Regex(
            @"^((Sequential|Scatter-gather|One statement) is [\d.]+× faster than (sequential|scatter-gather|one statement), the next fastest|No clear difference between (sequential|scatter-gather|one statement) and (sequential|scatter-gather|one statement), the two fastest) \(median .+ over 3 runs each\)\.$"));
        await Expect(todos.StatsChart.Locator("svg").First).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Img, new() { NameRegex = new Regex("over 3 runs each") })).ToBeVisibleAsync();
        await Expect(todos.StaleStatsNotice).ToHaveCountAsync(0);
        await todos.StatsChart.ScrollIntoViewIfNeededAsync();
        await app.ScreenshotAsync(page, "todos-stats-chart");

        await todos.MarkDoneAsync(title);
        await Expect(todos.StaleStatsNotice).ToContainTextAsync("Stale — your todos changed");
        await app.ScreenshotAsync(page, "todos-stats-stale");
        await todos.StaleStatsNotice.GetByRole(AriaRole.Button, new() { Name = "Recompute" }).ClickAsync();
        await Expect(todos.StaleStatsNotice).ToHaveCountAsync(0);
        await Expect(todos.StatsVerdict).ToContainTextAsync("over 3 runs each");
    }
}

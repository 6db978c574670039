using TodoDashboard.E2E.Pages;

namespace TodoDashboard.E2E.Features.Home;

public sealed class HomePageTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task The_todos_card_headline_shows_how_many_todos_are_still_open()
    {
        var page = await app.NewPageAsync(signedIn: true);
        var home = new HomePage(page);

        await home.GotoAsync();
        await Expect(home.TodosHeadline).ToHaveTextAsync("0");

        // Arranged through the API with the browser's cookie; the UI is what is under test.
        var ids = new List<long>();
        foreach (var title in new[] { "Write report", "Call plumber", "Water plants" })
        {
            var created = await page.APIRequest.PostAsync("/api/todos", new() { DataObject = new { title }, Headers = app.SameOriginHeaders });
            Assert.True(created.Ok, $"POST /api/todos returned {created.Status}");
            ids.Add((await created.JsonAsync())!.Value.GetProperty("id").GetInt64());
        }

        var toggled = await page.APIRequest.PatchAsync($"/api/todos/{ids[0]}/toggle", new() { Headers = app.SameOriginHeaders });
        Assert.True(toggled.Ok, $"PATCH toggle returned {toggled.Status}");

        await home.GotoAsync();
        await Expect(home.TodosHeadline).ToHaveTextAsync("2");
        await Expect(home.TodosCaption).ToHaveTextAsync("open of 3 · 1 done");
        await app.ScreenshotAsync(page, "home");
    }

    [Fact]
    public async Task The_shares_and_databases_cards_show_the_latest_runs_and_the_shares_card_follows_a_new_run_live()
    {
        var page = await app.NewPageAsync(signedIn: true);
        var home = new HomePage(page);

        await home.GotoAsync();
        await Expect(home.SharesHeadline).ToHaveTextAsync("–");
        await Expect(home.SharesCaption).ToHaveTextAsync("no price update yet");
        await Expect(home.DatabasesHeadline).ToHaveTextAsync("–");
        await Expect(home.DatabasesCaption).ToHaveTextAsync("no run yet");

        // Arranged through the API with the browser's cookie, as in the test above.
        await PostAsync(page, "/api/multidb/runs", new { });
        await PostAsync(page, "/api/shares/generate", new { count = 100 });

        await home.GotoAsync();
        await Expect(home.DatabasesHeadline).ToHaveTextAsync(new Regex(@"^\d+ ms$"));
        await Expect(home.DatabasesCaption).ToHaveTextAsync("last run: users 9/1, products 9/1, orders 7/3");

        // The shares card listens for run changes: a run started elsewhere shows up without a reload.
        await page.MarkDocumentAsync();
        await PostAsync(page, "/api/shares/price-updates", new { strategy = "bulk" });
        await Expect(home.SharesCaption).ToHaveTextAsync("rows per second, last bulk run over 100 shares");
        await Expect(home.SharesHeadline).ToHaveTextAsync(new Regex(@"^\d[\d,]*/s$"));
        await page.ExpectSameDocumentAsync();

        // The customers table was never analyzed and is small: its count is exact.
        await Expect(home.CustomersHeadline).ToHaveTextAsync("0");

        foreach (var title in new[] { "Todos", "Jobs", "Shares", "Databases", "Customers" })
        {
            await Expect(home.CardTitle(title)).ToBeVisibleAsync();
            await Expect(home.OpenLink(title)).ToBeVisibleAsync();
        }

        await app.ScreenshotAsync(page, "home-all-cards");
    }

    [Fact]
    public async Task Signed_out_the_home_is_a_landing_that_names_the_panels_and_leads_to_sign_in()
    {
        var page = await app.NewPageAsync();
        var home = new HomePage(page);

        await home.GotoAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/$"));
        await Expect(home.LandingHeading).ToBeVisibleAsync();
        await Expect(home.LandingSummary).ToContainTextAsync("three million customers");
        await Expect(home.LandingPanels).ToHaveCountAsync(6);
        foreach (var name in new[] { "Todos", "Jobs", "Share prices", "Three databases", "Customers", "Operations" })
        {
            await Expect(home.LandingPanelTitle(name)).ToBeVisibleAsync();
        }

        await Expect(home.TodosHeadline).ToHaveCountAsync(0);
        await Expect(home.RegisterButton).ToHaveAttributeAsync("href", "Account/Register");
        await app.ScreenshotAsync(page, "landing-1366");
        await page.SetViewportSizeAsync(390, 844);
        await app.ScreenshotAsync(page, "landing-390");
        await page.SetViewportSizeAsync(1366, 900);

        await home.SignInButton.ClickAsync();
        await Expect(new AccountPages(page).LoginHeading).ToBeVisibleAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/Account/Login$"));
    }

    private async Task PostAsync(IPage page, string url, object body)
    {
        var response = await page.APIRequest.PostAsync(url, new() { DataObject = body, Headers = app.SameOriginHeaders });
        Assert.True(response.Ok, $"POST {url} returned {response.Status}");
    }
}

using TodoDashboard.E2E.Infrastructure;
using TodoDashboard.E2E.Pages;

namespace TodoDashboard.E2E.Features.Home;

public sealed class HomePageTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task TheTodosCardHeadlineShowsHowManyTodosAreStillOpen()
    {
        var page = await app.NewPageAsync(signedIn: true);
        var home = new HomePage(page);

        await home.GotoAsync();
        await Expect(home.TodosHeadline).ToHaveTextAsync("0");

        // Arranged through the API with the browser's cookie; the UI is what is under test.
        var ids = new List<long>();
        foreach (var title in new[] { "Write report", "Call plumber", "Water plants" })
        {
            var created = await page.APIRequest.PostAsync("/api/todos", new() { DataObject = new { title } });
            Assert.True(created.Ok, $"POST /api/todos returned {created.Status}");
            ids.Add((await created.JsonAsync())!.Value.GetProperty("id").GetInt64());
        }

        var toggled = await page.APIRequest.PatchAsync($"/api/todos/{ids[0]}/toggle");
        Assert.True(toggled.Ok, $"PATCH toggle returned {toggled.Status}");

        await home.GotoAsync();
        await Expect(home.TodosHeadline).ToHaveTextAsync("2");
        await Expect(home.TodosCaption).ToHaveTextAsync("open of 3 · 1 done");
        await app.ScreenshotAsync(page, "home");
    }
}

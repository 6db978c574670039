using TodoDashboard.E2E.Pages;

namespace TodoDashboard.E2E.Features.Home;

public sealed class NotFoundPageTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task An_unknown_address_answers_404_with_the_apps_page_and_a_way_home()
    {
        var page = await app.NewPageAsync();
        var notFound = new NotFoundPage(page);

        var status = await notFound.GotoAsync("/no-such-page");

        Assert.Equal(404, status);
        await Expect(notFound.Heading).ToBeVisibleAsync();
        await Expect(notFound.AppBarTitle).ToBeVisibleAsync();
        await app.ScreenshotAsync(page, "not-found-1366");
        await page.SetViewportSizeAsync(390, 844);
        await app.ScreenshotAsync(page, "not-found-390");

        await notFound.HomeLink.ClickAsync();
        await Expect(new HomePage(page).LandingHeading).ToBeVisibleAsync();
    }
}

using Bunit;
using Microsoft.Extensions.DependencyInjection;
using TodoDashboard.Features.MultiDatabase;
using TodoDashboard.Features.MultiDatabase.Components;
using TodoDashboard.Infrastructure.Auth;
using TodoDashboard.Infrastructure.LiveUpdates;

namespace TodoDashboard.Tests.Features.MultiDatabase;

/// <summary>The multi-database page on the app's real services: a scale run's progress arrives by PostgreSQL NOTIFY.</summary>
public class MultiDbPageTests : ComponentTestContext<MultiDbScaleFactory>
{
    public MultiDbPageTests(MultiDbScaleFactory factory) : base(factory)
    {
        UseAppService<MultiDbService>();
        Services.AddSingleton(TimeProvider.System);
    }

    [Fact]
    public async Task A_scale_run_shows_its_progress_live_stops_at_its_step_when_cancelled_and_then_shows_its_result()
    {
        await SignInNewUserAsync(AppRoles.Operator);
        await AppService<PostgresNotificationHub>().Listening.Task;
        var page = Render<MultiDbPage>();
        page.WaitForElement("[data-testid=runs-empty]", DatabaseTimeout);

        await using (await Factory.HoldOrdersAsync())
        {
            await page.ChangeAsync(() => page.Find("input[data-testid=scale-rows]"), "40");
            await page.ClickAsync(() => Button(page, "Run at scale"));
            page.WaitForAssertion(() => Assert.Equal("Running", State(page)), DatabaseTimeout);
            Assert.Equal("0 of 120 rows", Done(page));

            await page.ClickAsync(() => Button(page, "Cancel run"));
            page.WaitForAssertion(() => Assert.Equal("Cancelling", State(page)), DatabaseTimeout);
        }

        page.WaitForAssertion(() => Assert.Equal("Cancelled", State(page)), DatabaseTimeout);
        Assert.Equal($"{3 * MultiDbScaleFactory.StepRows} of 120 rows", Done(page));
        Assert.Equal($"Users {MultiDbScaleFactory.StepRows} / 0", page.Find("[data-testid=summary-users]").TextContent.Trim());
        Assert.DoesNotContain(page.FindAll("button"), b => b.TextContent.Trim() == "Cancel run");
        Assert.True(page.Instance.LiveRenders >= 1, "the page re-rendered from notifications");
    }

    private static AngleSharp.Dom.IElement Button(IRenderedComponent<MultiDbPage> page, string name) =>
        page.FindAll("button").Single(b => b.TextContent.Trim() == name);

    private static string State(IRenderedComponent<MultiDbPage> page) =>
        page.FindAll("[data-testid=scale-state]").SingleOrDefault()?.TextContent.Trim() ?? "";

    private static string Done(IRenderedComponent<MultiDbPage> page) => page.Find("[data-testid=scale-done]").TextContent.Trim();
}

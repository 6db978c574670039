using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using TodoDashboard.Features.Shares;
using TodoDashboard.Infrastructure.Runs;
using TodoDashboard.Features.Shares.Components;
using TodoDashboard.Infrastructure.LiveUpdates;
using TodoDashboard.Infrastructure.Auth;

namespace TodoDashboard.Tests.Features.Shares;

/// <summary>The shares page calls the service in-process, and so is checked the way the API is.</summary>
public class SharesPageTests : ComponentTestContext
{
    public SharesPageTests(TodoDashboardFactory factory) : base(factory)
    {
        UseAppService<ShareService>();
        UseAppService<PostgresNotificationHub>();
    }

    [Fact]
    public async Task A_run_that_would_break_a_price_shows_why_on_the_amount_field_and_starts_nothing()
    {
        await SignInNewUserAsync(AppRoles.Operator);
        await Factory.ResetSharesAsync();
        await AppService<ShareService>().GenerateAsync(5);
        var page = Render<SharesPage>();
        page.WaitForElement("[data-testid=results-empty]", DatabaseTimeout);

        await page.ChangeAsync(() => page.Find("input[data-testid=amount]"), "-10");
        await page.ClickAsync(() => RunUpdateButton(page));

        page.WaitForAssertion(() => Assert.Equal(
            "Share 1 would go from 10.00 to 0.00; prices must stay above 0 and at most 99,999,999.99.", AmountError(page)), DatabaseTimeout);
        await using (var db = await Factory.DbAsync())
        {
            Assert.Equal(0, await db.Set<Run>().CountAsync(r => r.Kind == PriceUpdateKind.KindName));
        }

        await page.ChangeAsync(() => page.Find("input[data-testid=amount]"), "-9.99");
        Assert.Equal("", AmountError(page));
        await page.ClickAsync(() => RunUpdateButton(page));

        page.WaitForAssertion(() => Assert.Equal("Succeeded", page.Find("[data-testid=result-status]").TextContent.Trim()), DatabaseTimeout);
        await using var after = await Factory.DbAsync();
        Assert.Equal([0.01m, 10.01m, 20.01m, 30.01m, 40.01m], await after.Set<Share>().OrderBy(s => s.Id).Select(s => s.Price).ToListAsync());
    }

    [Fact]
    public async Task A_shares_price_history_opens_from_its_row_as_a_line_chart_with_its_latest_changes()
    {
        await SignInNewUserAsync(AppRoles.Operator);
        await Factory.ResetSharesAsync();
        await AppService<ShareService>().GenerateAsync(2);
        var dialogs = Render<MudDialogProvider>();
        var page = Render<SharesPage>();
        page.WaitForElement("[data-testid=results-empty]", DatabaseTimeout);
        await page.ClickAsync(() => RunUpdateButton(page));
        page.WaitForAssertion(() => Assert.Equal("21.00", page.FindAll("[data-testid=share-price]")[1].TextContent.Trim()), DatabaseTimeout);

        await page.ClickAsync(() => page.Find("button[aria-label='Price history of Share 2']"));

        dialogs.WaitForAssertion(() => Assert.StartsWith("Share 2: 20.00 before, 21.00 after 1 change (low 20.00, high 21.00)",
            dialogs.Find("[data-testid=price-history-summary]").TextContent.Trim(), StringComparison.Ordinal), DatabaseTimeout);
        Assert.NotNull(dialogs.Find("[data-testid=price-history-chart]").QuerySelector("svg"));
        var row = dialogs.Find("[data-testid=price-history-latest] tbody tr");
        Assert.Equal(["20.00", "21.00", "+1.00"], row.QuerySelectorAll("td").Skip(1).Select(td => td.TextContent.Trim()));
    }

    [Fact]
    public async Task A_share_that_never_changed_shows_an_empty_history()
    {
        await SignInNewUserAsync();
        await Factory.ResetSharesAsync();
        await AppService<ShareService>().GenerateAsync(1);
        var dialogs = Render<MudDialogProvider>();
        var page = Render<SharesPage>();
        page.WaitForElement("button[aria-label='Price history of Share 1']", DatabaseTimeout);

        await page.ClickAsync(() => page.Find("button[aria-label='Price history of Share 1']"));

        dialogs.WaitForAssertion(() => Assert.Equal("No price changes yet: Share 1 is still at 10.00.",
            dialogs.Find("[data-testid=price-history-empty]").TextContent.Trim()), DatabaseTimeout);
    }

    private static AngleSharp.Dom.IElement RunUpdateButton(IRenderedComponent<SharesPage> page) =>
        page.FindAll("button").Single(b => b.TextContent.Trim() == "Run update");

    private static string AmountError(IRenderedComponent<SharesPage> page) =>
        page.Find("input[data-testid=amount]").Closest(".mud-input-control")!.QuerySelector(".mud-input-helper-text")?.TextContent.Trim() ?? "";
}

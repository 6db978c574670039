using Bunit;
using TodoDashboard.Features.Customers;
using TodoDashboard.Features.Customers.Components;
using TodoDashboard.Features.Customers.Generation;
using MudBlazor;
using TodoDashboard.Infrastructure.LiveUpdates;
using TodoDashboard.Infrastructure.Auth;

namespace TodoDashboard.Tests.Features.Customers.Generation;

/// <summary>The generator panel starts a real run and follows it live (NOTIFY from the runs table) to its result.</summary>
public class CustomerGenerationPanelTests : ComponentTestContext<CustomerGenerationFactory>
{
    public CustomerGenerationPanelTests(CustomerGenerationFactory factory) : base(factory)
    {
        UseAppService<CustomerGenerationService>();
        UseAppService<TimeProvider>();
        UseAppService<CustomerSearch>();
        UseAppService<CustomerService>();
        UseAppService<PostgresNotificationHub>();
    }

    [Fact]
    public async Task Generating_from_the_panel_shows_progress_then_the_result()
    {
        await Factory.ResetAsync();
        await SignInNewUserAsync(AppRoles.Operator);
        await AppService<PostgresNotificationHub>().Listening.Task.WaitAsync(DatabaseTimeout);
        var panel = Render<CustomerGenerationPanel>();

        await panel.ChangeAsync(() => panel.Find("input[data-testid=generate-count]"), "12000");
        await await panel.StartClickAsync(() => panel.Find("button[data-testid=generate-start]"));

        panel.WaitForElement("[data-testid=generation-progress]", DatabaseTimeout);
        Assert.True(panel.Find("button[data-testid=generate-start]").HasAttribute("disabled"));
        panel.WaitForAssertion(() => Assert.Contains("Last run: 12,000 customers", panel.Find("[data-testid=generation-result]").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        Assert.False(panel.Find("button[data-testid=generate-start]").HasAttribute("disabled"));
        Assert.Equal(12_000, await CustomerTables.ScalarAsync<long>(Factory.Database.ConnectionString, "SELECT count(*) FROM customers"));
    }

    [Fact]
    public async Task The_customer_list_reads_its_page_again_when_a_generation_ends()
    {
        await Factory.ResetAsync();
        await SignInNewUserAsync(AppRoles.Operator);
        await AppService<PostgresNotificationHub>().Listening.Task.WaitAsync(DatabaseTimeout);
        var page = Render<CustomersPage>();
        page.WaitForElement("[data-testid=customers-empty]", DatabaseTimeout);

        // Started elsewhere (another user, the command line): only the run's end tells the list.
        var run = (await AppService<CustomerGenerationService>().StartAsync(GenerationApi.TestOwner, 1_200)).Run;
        Assert.Equal(GenerationStatus.Succeeded, (await Factory.WaitForRunAsync(run.Id)).Status);

        page.WaitForAssertion(() => Assert.Equal(20, page.FindAll("td[data-testid=customer-id]").Count), DatabaseTimeout);
        Assert.Empty(page.FindAll("[data-testid=customers-empty]"));
    }

    [Fact]
    public async Task Above_200000_a_dialog_gives_the_estimate_first_and_cancelling_starts_nothing()
    {
        await Factory.ResetAsync();
        await SignInNewUserAsync(AppRoles.Operator);
        var (dialogs, panel) = await RenderWithCountAsync(300_000);

        // The click's handler waits for the answer in the message box, so it is awaited only after answering.
        var click = await panel.StartClickAsync(() => panel.Find("button[data-testid=generate-start]"));
        dialogs.WaitForAssertion(() => Assert.Contains("Generate 300,000 customers?", dialogs.Markup, StringComparison.Ordinal), DatabaseTimeout);
        Assert.Contains("drops the search indexes the whole team searches customers with", dialogs.Markup, StringComparison.Ordinal);
        // 300,000 rows / 119,000 rows/s, then 0.3 million rows × 21 s: an empty table.
        Assert.Contains("It should take about 9 s (loading about 3 s, rebuilding the indexes about 6 s).", dialogs.Markup, StringComparison.Ordinal);
        await dialogs.ClickAsync(() => Button(dialogs, "Cancel"));
        await click;

        Assert.Empty(dialogs.FindAll(".mud-dialog"));
        Assert.Empty(panel.FindAll("[data-testid=generation-progress]"));
        Assert.False(panel.Find("button[data-testid=generate-start]").HasAttribute("disabled"));
        Assert.Equal(0L, await RunCountAsync());
    }

    [Fact]
    public Task Confirming_the_dialog_starts_the_run() => WhileRunsStayQueuedAsync(async () =>
    {
        var (dialogs, panel) = await RenderWithCountAsync(300_000);

        var click = await panel.StartClickAsync(() => panel.Find("button[data-testid=generate-start]"));
        dialogs.WaitForAssertion(() => Assert.Contains("Generate 300,000 customers?", dialogs.Markup, StringComparison.Ordinal), DatabaseTimeout);
        // Found and clicked in one go on the renderer: the message box may re-render in between otherwise.
        await dialogs.ClickAsync(() => Button(dialogs, "Generate"));
        await click;

        panel.WaitForAssertion(() => Assert.Contains("Queued: 300,000 customers", panel.Find("[data-testid=generation-progress]").TextContent, StringComparison.Ordinal), DatabaseTimeout);
        Assert.Equal(300_000, await CustomerTables.ScalarAsync<int>(Factory.Database.ConnectionString,
            $"SELECT (parameters->>'count')::int FROM runs WHERE kind = '{CustomerGenerationKind.KindName}'"));
    });

    [Fact]
    public Task At_200000_or_fewer_the_run_starts_without_a_dialog() => WhileRunsStayQueuedAsync(async () =>
    {
        var (dialogs, panel) = await RenderWithCountAsync(200_000);

        await await panel.StartClickAsync(() => panel.Find("button[data-testid=generate-start]"));

        panel.WaitForAssertion(() => Assert.Contains("Queued: 200,000 customers", panel.Find("[data-testid=generation-progress]").TextContent, StringComparison.Ordinal), DatabaseTimeout);
        Assert.Empty(dialogs.FindAll(".mud-dialog"));
        Assert.Equal(1L, await RunCountAsync());
    });

    [Fact]
    public Task An_operator_cancels_the_active_run_from_the_panel() => WhileRunsStayQueuedAsync(async () =>
    {
        var (_, panel) = await RenderWithCountAsync(1_000);
        await await panel.StartClickAsync(() => panel.Find("button[data-testid=generate-start]"));
        panel.WaitForAssertion(() => Assert.Contains("Queued: 1,000 customers", panel.Find("[data-testid=generation-progress]").TextContent, StringComparison.Ordinal), DatabaseTimeout);

        await await panel.StartClickAsync(() => panel.Find("button[data-testid=generate-cancel]"));

        // A queued run is cancelled at once: nothing was loaded, and the panel says so.
        panel.WaitForAssertion(() => Assert.Contains("The last run was cancelled after 0 of 1,000 customers; those loaded stay.",
            panel.Find("[data-testid=generation-result]").TextContent, StringComparison.Ordinal), DatabaseTimeout);
        Assert.Empty(panel.FindAll("[data-testid=generation-progress]"));
        Assert.False(panel.Find("button[data-testid=generate-start]").HasAttribute("disabled"));
        Assert.Equal("Cancelled", await CustomerTables.ScalarAsync<string>(Factory.Database.ConnectionString,
            $"SELECT state FROM runs WHERE kind = '{CustomerGenerationKind.KindName}'"));
    });

    [Fact]
    public async Task A_member_sees_the_cancel_button_disabled_with_the_role_it_needs()
    {
        await Factory.ResetAsync();
        var id = (await AppService<CustomerGenerationService>().QueueAsync(GenerationApi.TestOwner, 10)).Run.Id;
        await using (await GenerationApi.HoldRunLockAsync(Factory.Database.ConnectionString, id))
        {
            await SignInNewUserAsync(AppRoles.Member);

            var panel = Render<CustomerGenerationPanel>();

            panel.WaitForElement("[data-testid=generation-progress]", DatabaseTimeout);
            Assert.True(panel.Find("button[data-testid=generate-cancel]").HasAttribute("disabled"));
            Assert.Equal(AppRoles.Operator, panel.Find("[data-testid=generation-progress] [data-testid=role-gate]").GetAttribute("data-required-role"));
        }

        await Factory.ResetAsync();
    }

    private async Task<(IRenderedComponent<MudDialogProvider> Dialogs, IRenderedComponent<CustomerGenerationPanel> Panel)> RenderWithCountAsync(int count)
    {
        var dialogs = Render<MudDialogProvider>();
        var panel = Render<CustomerGenerationPanel>();
        await panel.ChangeAsync(() => panel.Find("input[data-testid=generate-count]"),
            count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return (dialogs, panel);
    }

    /// <summary>
    /// As an Operator, with the app's scheduler stood down: a run the test starts stays queued, and nothing is loaded
    /// or rebuilt; it is deleted before the scheduler runs again.
    /// </summary>
    private async Task WhileRunsStayQueuedAsync(Func<Task> test)
    {
        await Factory.ResetAsync();
        await SignInNewUserAsync(AppRoles.Operator);
        await using var paused = await Factory.PauseSchedulerAsync();
        try
        {
            await test();
        }
        finally
        {
            await Factory.ResetAsync();
        }
    }

    private static AngleSharp.Dom.IElement Button(IRenderedComponent<MudDialogProvider> dialogs, string text) =>
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == text);

    private Task<long> RunCountAsync() =>
        CustomerTables.ScalarAsync<long>(Factory.Database.ConnectionString,
            $"SELECT count(*) FROM runs WHERE kind = '{CustomerGenerationKind.KindName}'");
}

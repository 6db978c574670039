using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using TodoDashboard.Features.Jobs;
using TodoDashboard.Features.Operations.Components;
using TodoDashboard.Infrastructure.LiveUpdates;
using TodoDashboard.Infrastructure.Runs;

namespace TodoDashboard.Tests.Features.Operations;

/// <summary>/operations on the app's real engine and notifier: runs come from PostgreSQL, changes from its NOTIFY.</summary>
public class OperationsPageTests(TodoDashboardFactory factory) : OperationsTestContext(factory)
{
    [Fact]
    public async Task Unknown_filter_values_read_as_any()
    {
        var me = await SignInNewUserAsync();
        var run = await RunRows.InsertEndedAsync(App, JobKind.KindName, me, "Me", RunState.Succeeded);
        Services.GetRequiredService<NavigationManager>().NavigateTo("operations?kind=nope&state=3&owner=someone&time=century");

        var page = Render<OperationsPage>();

        page.WaitForAssertion(() => Assert.Equal([run], RowIds(page)), DatabaseTimeout);
        Assert.True(page.Instance.Filter.IsEmpty);
    }

    [Fact]
    public async Task Load_more_reads_the_next_page_by_keyset()
    {
        var me = await SignInNewUserAsync();
        var ids = new List<Guid>();
        for (var i = 0; i < OperationsPage.PageSize + 3; i++)
        {
            ids.Add(await RunRows.InsertEndedAsync(App, JobKind.KindName, me, "Me", RunState.Succeeded, createdAt: DateTime.UtcNow.AddMinutes(-100 + i)));
        }

        ids.Reverse();
        var page = Render<OperationsPage>();
        page.WaitForAssertion(() => Assert.Equal(ids.Take(OperationsPage.PageSize), RowIds(page)), DatabaseTimeout);

        await page.ClickAsync(() => page.FindAll("button").Single(b => b.TextContent.Contains("Load more", StringComparison.Ordinal)));

        page.WaitForAssertion(() => Assert.Equal(ids, RowIds(page)), DatabaseTimeout);
        Assert.DoesNotContain(page.FindAll("button"), b => b.TextContent.Contains("Load more", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_page_says_what_the_history_keeps_and_what_the_last_clean_up_removed()
    {
        await SignInNewUserAsync();
        var node = $"node-{Guid.NewGuid():N}";
        var removed = await App.GetRequiredService<RunRetention>().CleanAsync(node, CancellationToken.None);

        var page = Render<OperationsPage>();

        page.WaitForAssertion(() => Assert.Contains(
            "kept for 30 days, at most 1,000 of each kind, cleaned up every 1 hour. The last clean-up, at", page.Find("[data-testid=retention]").TextContent), DatabaseTimeout);
        Assert.Contains($"on {node}, removed {removed:N0} runs.", page.Find("[data-testid=retention]").TextContent);
    }

    [Fact]
    public async Task A_new_user_sees_the_empty_state_and_empty_charts_described_in_words()
    {
        await SignInNewUserAsync();

        var page = Render<OperationsPage>();

        page.WaitForElement("[data-testid=runs-empty]", DatabaseTimeout);
        page.WaitForAssertion(() => Assert.Equal("No run finished in the last hour.", page.Find("[data-testid=throughput-summary]").TextContent), DatabaseTimeout);
        Assert.Equal("No run is running.", page.Find("[data-testid=rates-summary]").TextContent);
    }

    [Fact]
    public async Task A_run_started_elsewhere_appears_by_notification_and_ends_in_the_charts()
    {
        var me = await SignInNewUserAsync();
        var page = Render<OperationsPage>();
        page.WaitForElement("[data-testid=runs-empty]", DatabaseTimeout);

        var id = await StartJobAsync(me, 3);

        page.WaitForAssertion(() => Assert.Equal([id], RowIds(page)), DatabaseTimeout);
        page.WaitForAssertion(() => Assert.Equal("Succeeded", page.Find("[data-testid=runs-table] [data-testid=run-state]").TextContent.Trim()), DatabaseTimeout);
        page.WaitForAssertion(() => Assert.StartsWith("1 run finished in the last hour (1 succeeded). By kind: Job: 1.",
            page.Find("[data-testid=throughput-summary]").TextContent, StringComparison.Ordinal), DatabaseTimeout);
        Assert.True(page.Instance.LiveRefreshes >= 1, "the list re-rendered from notifications");
    }

    [Fact]
    public async Task A_burst_of_notifications_is_coalesced_into_a_few_refreshes()
    {
        var me = await SignInNewUserAsync();
        var run = await RunRows.InsertEndedAsync(App, JobKind.KindName, me, "Me", RunState.Succeeded);
        var page = Render<OperationsPage>();
        page.WaitForAssertion(() => Assert.Equal([run], RowIds(page)), DatabaseTimeout);
        page.WaitForAssertion(() => Assert.True(page.Instance.LiveRefreshes >= 1), DatabaseTimeout);
        var before = page.Instance.LiveRefreshes;

        const int notifications = 200;
        for (var version = 1; version <= notifications; version++)
        {
            Hub.Dispatch(NotificationChannels.Runs, $$"""
                {"id":"{{run}}","kind":"jobs","ownerId":"{{me}}","state":"Running","done":{{version}},"total":{{notifications}},"cancelRequested":false,"version":{{version}}}
                """);
        }

        page.WaitForAssertion(() => Assert.True(page.Instance.LiveRefreshes > before), DatabaseTimeout);
        Assert.InRange(page.Instance.LiveRefreshes - before, 1, notifications / 20);
    }

    [Fact]
    public async Task Disposing_the_page_unsubscribes_it()
    {
        await SignInNewUserAsync();
        var before = Hub.SubscriberCount(NotificationChannels.Runs);

        var page = Render<OperationsPage>();
        page.WaitForElement("[data-testid=runs-empty]", DatabaseTimeout);
        Assert.Equal(before + 1, Hub.SubscriberCount(NotificationChannels.Runs));

        await DisposeComponentsAsync();
        Assert.Equal(before, Hub.SubscriberCount(NotificationChannels.Runs));
    }

    [Fact]
    public async Task The_home_card_counts_the_running_and_queued_runs_and_those_finished_in_the_last_hour()
    {
        var me = await SignInNewUserAsync();
        await RunRows.InsertEndedAsync(App, JobKind.KindName, me, "Me", RunState.Succeeded);
        await RunRows.InsertEndedAsync(App, JobKind.KindName, me, "Me", RunState.Failed);
        await RunRows.InsertEndedAsync(App, JobKind.KindName, me, "Me", RunState.Succeeded, createdAt: DateTime.UtcNow.AddHours(-3));

        var card = Render<OperationsHomeCard>();

        card.WaitForAssertion(() => Assert.Equal("0", card.Find("[data-testid=operations-headline]").TextContent.Trim()), DatabaseTimeout);
        Assert.Contains("running · 0 queued · 2 finished in the last hour, 1 failed", card.Markup, StringComparison.Ordinal);
    }

    private static List<Guid> RowIds(IRenderedComponent<OperationsPage> page) =>
        page.FindAll("[data-testid=runs-table] a[data-testid=run-link]")
            .Select(a => Guid.Parse(a.GetAttribute("href")!["operations/".Length..]))
            .ToList();
}

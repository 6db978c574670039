using Bunit;
using Quartz;
using TodoDashboard.Features.Jobs;
using TodoDashboard.Features.Operations.Components;
using TodoDashboard.Infrastructure.Auth;

namespace TodoDashboard.Tests.Features.Operations;

/// <summary>The Cluster card on the app's real scheduler, heartbeat and runs: this instance, what it runs, and who may see it.</summary>
public class ClusterInstancesCardTests(TodoDashboardFactory factory) : OperationsTestContext(factory)
{
    [Fact]
    public async Task An_operator_sees_this_instance_alive_and_marked_as_serving_the_page()
    {
        await SignInNewUserAsync(AppRoles.Operator);
        var me = (await AppService<ISchedulerFactory>().GetScheduler()).SchedulerInstanceId;

        var card = Render<ClusterInstancesCard>();

        card.WaitForAssertion(() =>
        {
            var row = Row(card, me);
            Assert.Equal("Alive", row.QuerySelector("[data-testid=cluster-state]")!.TextContent.Trim());
            Assert.NotNull(row.QuerySelector("[data-testid=cluster-this-page]"));
            // Its host and process come from its heartbeat row, so they show once it has published itself.
            Assert.Contains($"pid {Environment.ProcessId}", row.QuerySelector("[data-testid=cluster-host]")!.TextContent, StringComparison.Ordinal);
        }, DatabaseTimeout);
        Assert.Single(card.FindAll("[data-testid=cluster-this-page]"));
        Assert.Empty(card.FindAll("[data-testid=cluster-error]"));
    }

    [Fact]
    public async Task A_run_started_while_the_card_is_open_shows_under_the_instance_running_it()
    {
        var operatorId = await SignInNewUserAsync(AppRoles.Operator);
        var me = (await AppService<ISchedulerFactory>().GetScheduler()).SchedulerInstanceId;
        var card = Render<ClusterInstancesCard>();
        card.WaitForElement("[data-testid=cluster-table]", DatabaseTimeout);

        var id = await StartJobAsync(operatorId, JobKind.MaxItems);
        try
        {
            card.WaitForAssertion(() => Assert.Contains(
                $"operations/{id}",
                Row(card, me).QuerySelectorAll("a[data-testid=cluster-run-link]").Select(a => a.GetAttribute("href"))), DatabaseTimeout);
        }
        finally
        {
            await Engine.CancelAsync(id, new TodoDashboard.Infrastructure.Runs.RunViewer(operatorId, SeesAll: true));
        }
    }

    [Fact]
    public async Task A_member_is_told_who_sees_the_cluster_and_shown_none_of_it()
    {
        await SignInNewUserAsync();

        var card = Render<ClusterInstancesCard>();

        Assert.Contains("shown to Operators and Admins", card.Find("[data-testid=cluster-needs-role]").TextContent, StringComparison.Ordinal);
        Assert.Empty(card.FindAll("[data-testid=cluster-card]"));
    }

    private static AngleSharp.Dom.IElement Row(IRenderedComponent<ClusterInstancesCard> card, string instanceId) =>
        card.FindAll("[data-testid=cluster-table] tbody tr").Single(tr => tr.QuerySelector($"[data-instance-id='{instanceId}']") is not null);
}

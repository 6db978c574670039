using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using TodoDashboard.Features.Jobs;
using TodoDashboard.Features.Operations.Components;
using TodoDashboard.Infrastructure.Auth;
using TodoDashboard.Infrastructure.Runs;

namespace TodoDashboard.Tests.Features.Operations;

/// <summary>/operations/{id} on the app's real engine: a run's progress, attempts and log, and the actions each role gets.</summary>
public class RunDetailsPageTests(TodoDashboardFactory factory) : OperationsTestContext(factory)
{
    [Fact]
    public async Task A_job_followed_live_shows_its_attempt_on_a_node_and_its_whole_log_when_it_succeeds()
    {
        var me = await SignInNewUserAsync();
        var id = await StartJobAsync(me, 3);

        var page = Render<RunDetailsPage>(p => p.Add(x => x.Id, id));

        page.WaitForAssertion(() => Assert.Equal("Succeeded", page.Find("[data-testid=run-header] [data-testid=run-state]").TextContent.Trim()), DatabaseTimeout);
        page.WaitForAssertion(() => Assert.StartsWith("Succeeded: 3 of 3", LogLines(page)[^1], StringComparison.Ordinal), DatabaseTimeout);
        var log = LogLines(page);
        Assert.StartsWith("Queued by Me.", log[0], StringComparison.Ordinal);
        Assert.StartsWith("Started on ", log[1], StringComparison.Ordinal);
        Assert.Equal("3 / 3", page.Find("[data-testid=run-figure-done]").TextContent.Trim());
        Assert.Equal("100%", page.Find("[data-testid=run-percent]").TextContent.Trim());
        var node = page.Find("[data-testid=attempt-node]").TextContent.Trim();
        Assert.False(string.IsNullOrWhiteSpace(node));
        Assert.Equal(node, page.Find("[data-testid=run-figure-node]").TextContent.Trim());
        Assert.Equal("Succeeded", page.Find("[data-testid=attempt-outcome]").TextContent.Trim());
        Assert.Equal(["Items"], page.FindAll("[data-testid=run-parameters] dt").Select(d => d.TextContent));
        Assert.Equal(["3"], page.FindAll("[data-testid=run-parameters] dd").Select(d => d.TextContent));
        Assert.True(page.Instance.LiveRefreshes >= 1, "the page re-rendered from notifications");
    }

    [Fact]
    public async Task The_log_shows_each_lines_time_and_level()
    {
        var me = await SignInNewUserAsync();
        var id = await RunRows.InsertEndedAsync(App, JobKind.KindName, me, "Me", RunState.Failed, done: 4, total: 10, error: "The disk is full.",
            parameters: """{"items":10}""");

        var page = Render<RunDetailsPage>(p => p.Add(x => x.Id, id));

        page.WaitForElement("[data-testid=run-log-line]", DatabaseTimeout);
        var lines = page.FindAll("[data-testid=run-log-line]");
        Assert.Equal(["Info", "Error"], lines.Select(l => l.GetAttribute("data-level")));
        Assert.Equal("ERROR", lines[1].QuerySelector(".run-log-level")!.TextContent.Trim());
        Assert.Matches(@"^\d\d:\d\d:\d\d\.\d{3}$", lines[1].QuerySelector("time")!.TextContent);
        Assert.Equal("The disk is full.", page.Find("[data-testid=run-failure]").TextContent.Trim());
        Assert.Equal("test-node-1", page.Find("[data-testid=attempt-node]").TextContent.Trim());
        Assert.Equal("40%", page.Find("[data-testid=run-percent]").TextContent.Trim());
    }

    [Fact]
    public async Task The_owner_of_a_failed_job_may_resume_or_retry_it_and_cancel_is_not_offered()
    {
        var me = await SignInNewUserAsync();
        var id = await RunRows.InsertEndedAsync(App, JobKind.KindName, me, "Me", RunState.Failed, parameters: """{"items":2}""");

        var page = Render<RunDetailsPage>(p => p.Add(x => x.Id, id));

        page.WaitForAssertion(() => Assert.NotNull(Button(page, "Retry run")), DatabaseTimeout);
        Assert.False(Button(page, "Retry run")!.IsDisabled());
        Assert.False(Button(page, "Resume run")!.IsDisabled());
        Assert.Null(Button(page, "Cancel run"));
        Assert.Empty(page.FindAll("[data-testid=role-gate]"));
    }

    [Fact]
    public async Task A_member_sees_a_shared_run_of_someone_else_but_its_actions_are_disabled_naming_the_operator_role()
    {
        var other = await RunRows.CreateUserAsync(App);
        await SignInNewUserAsync();
        var id = await RunRows.InsertEndedAsync(App, "price-updates", other, "Other", RunState.Failed,
            parameters: """{"strategy":"SetBased","change":"Percent","amount":1.5,"seed":7}""");

        var page = Render<RunDetailsPage>(p => p.Add(x => x.Id, id));

        page.WaitForAssertion(() => Assert.NotNull(Button(page, "Retry run")), DatabaseTimeout);
        Assert.True(Button(page, "Retry run")!.IsDisabled());
        Assert.True(Button(page, "Resume run")!.IsDisabled());
        Assert.All(page.FindAll("[data-testid=role-gate]"), gate => Assert.Equal(AppRoles.Operator, gate.GetAttribute("data-required-role")));
        Assert.Equal(2, page.FindAll("[data-testid=role-gate]").Count);
        Assert.Equal(["Amount", "Change", "Seed", "Strategy"], page.FindAll("[data-testid=run-parameters] dt").Select(d => d.TextContent).Order());
    }

    [Fact]
    public async Task A_member_does_not_see_another_members_job_at_all()
    {
        var other = await RunRows.CreateUserAsync(App);
        await SignInNewUserAsync();
        var id = await RunRows.InsertEndedAsync(App, JobKind.KindName, other, "Other", RunState.Failed);

        var page = Render<RunDetailsPage>(p => p.Add(x => x.Id, id));

        page.WaitForElement("[data-testid=run-not-found]", DatabaseTimeout);
        Assert.Null(Button(page, "Retry run"));
    }

    [Fact]
    public async Task An_unknown_id_shows_the_not_found_state()
    {
        await SignInNewUserAsync();

        var page = Render<RunDetailsPage>(p => p.Add(x => x.Id, Guid.NewGuid()));

        page.WaitForElement("[data-testid=run-not-found]", DatabaseTimeout);
    }

    [Fact]
    public async Task An_operator_retries_a_members_failed_job_as_a_new_run_of_that_member_and_is_taken_to_it()
    {
        var member = await RunRows.CreateUserAsync(App);
        await SignInNewUserAsync(AppRoles.Operator);
        var id = await RunRows.InsertEndedAsync(App, JobKind.KindName, member, "Member", RunState.Failed, parameters: """{"items":2}""");
        var navigation = Services.GetRequiredService<NavigationManager>();
        var page = Render<RunDetailsPage>(p => p.Add(x => x.Id, id));
        page.WaitForAssertion(() => Assert.NotNull(Button(page, "Retry run")), DatabaseTimeout);
        Assert.Empty(page.FindAll("[data-testid=role-gate]"));

        await page.ClickAsync(() => Button(page, "Retry run")!);

        page.WaitForAssertion(() => Assert.Matches("^http://localhost/operations/[0-9a-f-]{36}$", navigation.Uri), DatabaseTimeout);
        var retried = Guid.Parse(navigation.Uri[^36..]);
        Assert.NotEqual(id, retried);
        var run = await Engine.GetAsync(retried);
        Assert.Equal(id, run!.RetryOf);
        Assert.Equal(member, run.OwnerId);
    }

    [Fact]
    public async Task The_owner_cancels_a_running_job_and_the_page_follows_it_to_cancelled()
    {
        var me = await SignInNewUserAsync();
        var id = await StartJobAsync(me, JobKind.MaxItems);
        var page = Render<RunDetailsPage>(p => p.Add(x => x.Id, id));
        page.WaitForAssertion(() => Assert.Equal("Running", page.Find("[data-testid=run-header] [data-testid=run-state]").TextContent.Trim()), DatabaseTimeout);
        Assert.Null(Button(page, "Retry run"));

        await page.ClickAsync(() => Button(page, "Cancel run")!);

        page.WaitForAssertion(() => Assert.Equal("Cancelled", page.Find("[data-testid=run-header] [data-testid=run-state]").TextContent.Trim()), DatabaseTimeout);
        // The executor may log its end before the cancel logs its request: both lines are there, in either order.
        page.WaitForAssertion(() => Assert.Contains(LogLines(page), l => l.StartsWith("Cancelled after", StringComparison.Ordinal)), DatabaseTimeout);
        page.WaitForAssertion(() => Assert.Contains("Cancel requested.", LogLines(page)), DatabaseTimeout);
        Assert.Null(Button(page, "Cancel run"));
        Assert.Equal("Cancelled", page.Find("[data-testid=attempt-outcome]").TextContent.Trim());

        // Enabled once the cancel's own handling is over (the live refresh may show the end before it is).
        page.WaitForAssertion(() => Assert.False(Button(page, "Resume run")!.IsDisabled()), DatabaseTimeout);
    }

    private static IElement? Button(IRenderedComponent<RunDetailsPage> page, string text) =>
        page.FindAll("button").SingleOrDefault(b => b.TextContent.Trim() == text);

    private static List<string> LogLines(IRenderedComponent<RunDetailsPage> page) =>
        page.FindAll("[data-testid=run-log-line] .run-log-text").Select(l => l.TextContent.Trim()).ToList();
}

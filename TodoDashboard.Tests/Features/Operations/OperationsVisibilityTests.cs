using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using TodoDashboard.Features.Jobs;
using TodoDashboard.Features.Operations.Components;
using TodoDashboard.Infrastructure.Auth;
using TodoDashboard.Infrastructure.Runs;

namespace TodoDashboard.Tests.Features.Operations;

/// <summary>
/// Which runs /operations lists for whom, and its filters, over several kinds and owners. The tests of this class share
/// a database and Operators see everything in it, so each checks the order of its own runs among whatever else is there.
/// </summary>
public class OperationsVisibilityTests(TodoDashboardFactory factory) : OperationsTestContext(factory)
{
    [Fact]
    public async Task A_member_sees_their_own_runs_and_the_shared_kinds_but_not_another_members_jobs()
    {
        var other = await RunRows.CreateUserAsync(App);
        var me = await SignInNewUserAsync();
        var mine = await RunRows.InsertEndedAsync(App, JobKind.KindName, me, "Me", RunState.Succeeded);
        var theirs = await RunRows.InsertEndedAsync(App, JobKind.KindName, other, "Other", RunState.Succeeded);
        var shared = await RunRows.InsertEndedAsync(App, "price-updates", other, "Other", RunState.Failed, error: "Stopped.");

        var page = Render<OperationsPage>();

        page.WaitForAssertion(() => Assert.Equal([shared, mine], RowIds(page, shared, mine)), DatabaseTimeout);
        Assert.DoesNotContain(theirs, RowIds(page));
        Assert.All(Rows(page).Where(r => r.Id != shared && r.Id != mine), r => Assert.NotEqual(JobKind.KindName, Kind(r.Id)));
        Assert.Equal(("Failed", "Other"), Rows(page).Where(r => r.Id == shared).Select(r => (r.State, r.Owner)).Single());
        Assert.Equal(("Succeeded", "Me (you)"), Rows(page).Where(r => r.Id == mine).Select(r => (r.State, r.Owner)).Single());
    }

    [Fact]
    public async Task An_operator_sees_every_kind_and_every_owner_newest_first()
    {
        var member = await RunRows.CreateUserAsync(App);
        await SignInNewUserAsync(AppRoles.Operator);
        var job = await RunRows.InsertEndedAsync(App, JobKind.KindName, member, "Member", RunState.Succeeded, createdAt: DateTime.UtcNow.AddMinutes(-3));
        var prices = await RunRows.InsertEndedAsync(App, "price-updates", null, "System", RunState.Failed, createdAt: DateTime.UtcNow.AddMinutes(-2));
        var customers = await RunRows.InsertEndedAsync(App, "customer-generation", member, "Member", RunState.Cancelled, done: 400, total: 1000,
            createdAt: DateTime.UtcNow.AddMinutes(-1));

        var page = Render<OperationsPage>();

        page.WaitForAssertion(() => Assert.Equal([customers, prices, job], RowIds(page, customers, prices, job)), DatabaseTimeout);
        Assert.Equal(["40%", "100%", "100%"], new[] { customers, prices, job }.Select(id => Rows(page).Single(r => r.Id == id).Percent));
    }

    [Fact]
    public async Task The_filters_are_read_from_the_url_and_a_changed_filter_is_written_to_it()
    {
        var me = await SignInNewUserAsync(AppRoles.Operator);
        var other = await RunRows.CreateUserAsync(App);
        var old = await RunRows.InsertEndedAsync(App, JobKind.KindName, me, "Me", RunState.Failed, createdAt: DateTime.UtcNow.AddDays(-2));
        var failed = await RunRows.InsertEndedAsync(App, JobKind.KindName, me, "Me", RunState.Failed);
        var succeeded = await RunRows.InsertEndedAsync(App, JobKind.KindName, me, "Me", RunState.Succeeded);
        var othersFailed = await RunRows.InsertEndedAsync(App, JobKind.KindName, other, "Other", RunState.Failed);
        var prices = await RunRows.InsertEndedAsync(App, "price-updates", me, "Me", RunState.Failed);
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("operations?kind=jobs&state=failed&owner=me&time=day");

        var page = Render<OperationsPage>();

        // Only this test's operator owns runs, so "me" makes the list this test's alone.
        page.WaitForAssertion(() => Assert.Equal([failed], RowIds(page)), DatabaseTimeout);
        Assert.Equal(new RunFilter(JobKind.KindName, RunState.Failed, RunOwnerFilter.Me, RunWindow.Day), page.Instance.Filter);

        navigation.NavigateTo("operations?kind=jobs&state=failed");
        page.WaitForAssertion(() => Assert.Equal([othersFailed, failed, old], RowIds(page, othersFailed, failed, old, succeeded, prices)), DatabaseTimeout);
        Assert.All(Rows(page), r => Assert.Equal("Failed", r.State));

        var stateSelect = page.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "State");
        await page.InvokeAsync(() => stateSelect.Instance.ValueChanged.InvokeAsync(nameof(RunState.Succeeded)));

        Assert.Equal("http://localhost/operations?kind=jobs&state=succeeded", navigation.Uri);
        page.WaitForAssertion(() => Assert.Equal([succeeded], RowIds(page, othersFailed, failed, old, succeeded, prices)), DatabaseTimeout);
        Assert.All(Rows(page), r => Assert.Equal("Succeeded", r.State));
    }

    private string Kind(Guid id) => App.GetRequiredService<RunEngine>().GetAsync(id).GetAwaiter().GetResult()!.Kind;

    /// <summary>The listed runs' ids, newest first; with <paramref name="only"/>, just those among them.</summary>
    private static List<Guid> RowIds(IRenderedComponent<OperationsPage> page, params Guid[] only) =>
        Rows(page).Select(r => r.Id).Where(id => only.Length == 0 || only.Contains(id)).ToList();

    private static List<(Guid Id, string State, string Owner, string Percent)> Rows(IRenderedComponent<OperationsPage> page) =>
        page.FindAll("[data-testid=runs-table] tbody tr").Where(tr => tr.QuerySelector("a[data-testid=run-link]") is not null).Select(tr => (
            Guid.Parse(tr.QuerySelector("a[data-testid=run-link]")!.GetAttribute("href")!["operations/".Length..]),
            tr.QuerySelector("[data-testid=run-state]")!.TextContent.Trim(),
            System.Text.RegularExpressions.Regex.Replace(tr.QuerySelector("[data-testid=run-owner]")!.TextContent.Trim(), @"\s+", " "),
            tr.QuerySelector("[data-testid=run-percent]")!.TextContent.Trim())).ToList();
}

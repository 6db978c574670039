using System.Net;
using Microsoft.AspNetCore.Mvc;
using TodoDashboard.Features.Jobs;
using TodoDashboard.Features.Shares;
using TodoDashboard.Infrastructure.Auth;
using TodoDashboard.Infrastructure.Runs;

namespace TodoDashboard.Tests.Features.Operations;

/// <summary>Listing runs (cursor paging, filters, who sees whose), reading one, and the requests the runs routes refuse.</summary>
public class RunsEndpointsTests(TodoDashboardFactory factory) : IClassFixture<TodoDashboardFactory>
{
    private const string PriceUpdates = PriceUpdateKind.KindName;

    [Fact]
    public async Task Paging_with_the_cursor_lists_every_run_once_newest_first_with_no_gaps()
    {
        var (client, userId) = await factory.CreateUserWithIdAsync();
        var start = new DateTime(2031, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var inserted = new List<Guid>();
        for (var i = 0; i < 23; i++)
        {
            // Three runs to a timestamp, so within one the id decides the order, across a page boundary too.
            inserted.Add(await factory.Services.InsertEndedRunAsync(JobKind.KindName, userId, RunState.Succeeded, start.AddMinutes(i / 3)));
        }

        var paged = new List<RunResponse>();
        var pages = 0;
        string? cursor = null;
        do
        {
            var response = await client.GetAsync($"/api/runs?owner=me&limit=5{(cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}")}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await response.ReadAsync<RunPage>();
            Assert.InRange(page.Items.Count, 1, 5);
            paged.AddRange(page.Items);
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null && pages < 10);

        var whole = await (await client.GetAsync("/api/runs?owner=me&limit=200")).ReadAsync<RunPage>();
        Assert.Equal(5, pages);
        Assert.Equal(inserted.Order(), paged.Select(r => r.Id).Order());
        Assert.Equal(whole.Items.Select(r => r.Id), paged.Select(r => r.Id));
        Assert.Null(whole.NextCursor);
        Assert.Equal(paged.Select(r => r.CreatedAt).OrderDescending(), paged.Select(r => r.CreatedAt));
    }

    [Fact]
    public async Task Kind_state_and_time_filters_narrow_the_listing()
    {
        var (client, userId) = await factory.CreateUserWithIdAsync();
        var t = new DateTime(2032, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var succeeded = await factory.Services.InsertEndedRunAsync(JobKind.KindName, userId, RunState.Succeeded, t);
        var failed = await factory.Services.InsertEndedRunAsync(JobKind.KindName, userId, RunState.Failed, t.AddHours(1));
        var cancelled = await factory.Services.InsertEndedRunAsync(JobKind.KindName, userId, RunState.Cancelled, t.AddHours(2));
        var priceUpdate = await factory.Services.InsertEndedRunAsync(PriceUpdates, userId, RunState.Succeeded, t.AddHours(3));

        Assert.Equal([cancelled, failed, succeeded], await client.RunIdsAsync("owner=me&kind=jobs"));
        Assert.Equal([priceUpdate], await client.RunIdsAsync($"owner=me&kind={PriceUpdates}"));
        Assert.Equal([failed], await client.RunIdsAsync("owner=me&state=failed"));
        Assert.Equal([priceUpdate, succeeded], await client.RunIdsAsync("owner=me&state=Succeeded"));
        Assert.Equal([succeeded], await client.RunIdsAsync("owner=me&kind=jobs&state=succeeded"));
        // since is inclusive, until exclusive.
        Assert.Equal([cancelled, failed], await client.RunIdsAsync($"owner=me&since={Time(t.AddHours(1))}&until={Time(t.AddHours(3))}"));
        Assert.Equal([priceUpdate, cancelled], await client.RunIdsAsync($"owner=me&since={Uri.EscapeDataString("2032-01-01T03:00:00+01:00")}"));
    }

    [Fact]
    public async Task A_member_lists_their_own_runs_and_the_kinds_everyone_sees_while_an_operator_lists_everyone_s()
    {
        var (member, memberId) = await factory.CreateUserWithIdAsync();
        var (_, otherId) = await factory.CreateUserWithIdAsync();
        var (operatorClient, _) = await factory.CreateUserWithIdAsync(AppRoles.Operator);
        var t = new DateTime(2033, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var own = await factory.Services.InsertEndedRunAsync(JobKind.KindName, memberId, RunState.Succeeded, t);
        var othersJob = await factory.Services.InsertEndedRunAsync(JobKind.KindName, otherId, RunState.Succeeded, t.AddMinutes(1));
        var othersPriceUpdate = await factory.Services.InsertEndedRunAsync(PriceUpdates, otherId, RunState.Failed, t.AddMinutes(2));
        var window = $"since={Time(t)}&until={Time(t.AddHours(1))}";

        Assert.Equal([othersPriceUpdate, own], await member.RunIdsAsync($"owner=all&{window}"));
        Assert.Equal([othersPriceUpdate, own], await member.RunIdsAsync(window));
        Assert.Equal([own], await member.RunIdsAsync($"owner=me&{window}"));
        Assert.Equal([othersPriceUpdate, othersJob, own], await operatorClient.RunIdsAsync($"owner=ALL&{window}"));
        Assert.Empty(await operatorClient.RunIdsAsync($"owner=me&{window}"));
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync($"/api/runs/{othersPriceUpdate}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync($"/api/runs/{othersJob}")).StatusCode);
    }

    [Fact]
    public async Task A_run_that_does_not_exist_answers_404()
    {
        var client = await factory.CreateUserClientAsync();
        var id = Guid.NewGuid();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/runs/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/runs/{id}/events")).StatusCode);
        foreach (var action in new[] { "cancel", "retry", "resume" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.ActAsync(id, action)).StatusCode);
        }
    }

    [Theory]
    [InlineData("kind=nope", "kind")]
    [InlineData("state=paused", "state")]
    [InlineData("state=1", "state")]
    [InlineData("owner=them", "owner")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    [InlineData("cursor=MTIzOm5vdC1hLWd1aWQ", "cursor")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=201", "limit")]
    [InlineData("limit=many", "limit")]
    [InlineData("since=yesterday", "since")]
    [InlineData("until=2030-13-01", "until")]
    public async Task A_bad_listing_parameter_answers_400_naming_it(string query, string field)
    {
        var client = await factory.CreateUserClientAsync();

        var response = await client.GetAsync($"/api/runs?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], (await response.ReadAsync<ValidationProblemDetails>()).Errors.Keys);
    }

    [Fact]
    public async Task Runs_routes_answer_401_without_a_signed_in_user()
    {
        var client = factory.CreateClient();
        var id = Guid.NewGuid();

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/runs")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync($"/api/runs/{id}/events")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.ActAsync(id, "retry")).StatusCode);
    }

    private static string Time(DateTime at) => Uri.EscapeDataString(at.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
}

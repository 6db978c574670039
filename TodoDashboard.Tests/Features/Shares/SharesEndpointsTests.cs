using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using TodoDashboard.Data;
using TodoDashboard.Features.Shares;
using TodoDashboard.Infrastructure.Runs;
using TodoDashboard.Infrastructure.Auth;

namespace TodoDashboard.Tests.Features.Shares;

/// <summary>Shares are one market for everyone, so this class's tests run one after another on its own database.</summary>
public class SharesEndpointsTests(TodoDashboardFactory factory) : IClassFixture<TodoDashboardFactory>
{
    [Fact]
    public async Task Generating_creates_exactly_n_shares_at_i_times_10_and_generating_again_creates_none()
    {
        var client = await factory.CreateUserClientAsync(role: AppRoles.Operator);
        await ResetAsync();

        var first = await (await client.PostAsJsonAsync("/api/shares/generate", new { count = 250 })).ReadAsync<GenerateSharesResponse>();
        var second = await (await client.PostAsJsonAsync("/api/shares/generate", new { count = 250 })).ReadAsync<GenerateSharesResponse>();
        var more = await (await client.PostAsJsonAsync("/api/shares/generate", new { count = 300 })).ReadAsync<GenerateSharesResponse>();

        Assert.Equal((250, 250), (first.Created, first.Total));
        Assert.Equal((0, 250), (second.Created, second.Total));
        Assert.Equal((50, 300), (more.Created, more.Total));
        var page = await (await client.GetAsync("/api/shares?pageSize=3&sortBy=price&order=desc")).ReadAsync<SharePage>();
        Assert.Equal(300, page.TotalCount);
        Assert.Equal([("Share 300", 3000m), ("Share 299", 2990m), ("Share 298", 2980m)], page.Items.Select(s => (s.Name, s.Price)));
    }

    [Theory]
    [InlineData("bulk")]
    [InlineData("sequential")]
    [InlineData("parallel")]
    public async Task Each_strategy_adds_one_to_every_price_with_one_history_row_per_share(string strategy)
    {
        var client = await factory.CreateUserClientAsync(role: AppRoles.Operator);
        await ResetAsync();
        await client.PostAsJsonAsync("/api/shares/generate", new { count = 120 });

        var response = await client.PostAsJsonAsync("/api/shares/price-updates", new { strategy });
        var run = await client.WaitForRunAsync(response);

        Assert.Equal(PriceUpdateStatus.Succeeded, run.Status);
        Assert.Equal((120, 120, 100.0), (run.Total, run.Done, run.Percent));
        Assert.True(run.ElapsedMs > 0);
        Assert.True(run.RowsPerSecond > 0);
        await using var db = await DbAsync();
        Assert.Equal(Enumerable.Range(1, 120).Select(i => (i * 10m) + 1), await db.Set<Share>().OrderBy(s => s.Id).Select(s => s.Price).ToListAsync());
        var history = await db.Set<PriceChange>().Where(c => c.RunId == run.Id).ToListAsync();
        Assert.Equal(120, history.Count);
        Assert.All(history, c => Assert.Equal(c.OldPrice + 1, c.NewPrice));
    }

    [Fact]
    public async Task All_strategies_give_the_same_prices_for_a_percent_change_and_a_seeded_random_walk()
    {
        var client = await factory.CreateUserClientAsync(role: AppRoles.Operator);
        var results = new List<List<decimal>>();
        foreach (var strategy in new[] { "sequential", "parallel", "bulk" })
        {
            await ResetAsync();
            await client.PostAsJsonAsync("/api/shares/generate", new { count = 90 });
            await client.WaitForRunAsync(await client.PostAsJsonAsync("/api/shares/price-updates", new { strategy, change = "percent", amount = 12.5 }));
            await client.WaitForRunAsync(await client.PostAsJsonAsync("/api/shares/price-updates", new { strategy, change = "randomWalk", amount = 7, seed = 42 }));
            await using var db = await DbAsync();
            results.Add(await db.Set<Share>().OrderBy(s => s.Id).Select(s => s.Price).ToListAsync());
        }

        Assert.Equal(results[0], results[1]);
        Assert.Equal(results[0], results[2]);
        Assert.NotEqual(Enumerable.Range(1, 90).Select(i => i * 11.25m), results[0]);
    }

    [Fact]
    public async Task Two_runs_started_together_lose_no_update()
    {
        var client = await factory.CreateUserClientAsync(role: AppRoles.Operator);
        await ResetAsync();
        await client.PostAsJsonAsync("/api/shares/generate", new { count = 2000 });

        var started = await Task.WhenAll(
            client.PostAsJsonAsync("/api/shares/price-updates", new { strategy = "parallel" }),
            client.PostAsJsonAsync("/api/shares/price-updates", new { strategy = "bulk" }));
        var runs = await Task.WhenAll(started.Select(r => client.WaitForRunAsync(r)));

        Assert.All(runs, r => Assert.Equal(PriceUpdateStatus.Succeeded, r.Status));
        await using var db = await DbAsync();
        var wrong = await db.Set<Share>().CountAsync(s => s.Price != (s.Id * 10) + 2);
        Assert.Equal(0, wrong);
        var perShare = await db.Set<PriceChange>().GroupBy(c => c.ShareId).Select(g => g.Count()).Distinct().ToListAsync();
        Assert.Equal([2], perShare);
    }

    [Fact]
    public async Task A_share_shows_its_latest_changes_and_unknown_ids_are_404()
    {
        var client = await factory.CreateUserClientAsync(role: AppRoles.Operator);
        await ResetAsync();
        await client.PostAsJsonAsync("/api/shares/generate", new { count = 5 });
        await client.WaitForRunAsync(await client.PostAsJsonAsync("/api/shares/price-updates", new { strategy = "bulk", amount = 2.5 }));
        await using var db = await DbAsync();
        var id = await db.Set<Share>().Where(s => s.Name == "Share 3").Select(s => s.Id).SingleAsync();

        var details = await (await client.GetAsync($"/api/shares/{id}")).ReadAsync<ShareDetails>();
        var changes = await (await client.GetAsync($"/api/shares/{id}/price-updates")).ReadAsync<List<PriceChangeResponse>>();

        Assert.Equal(32.5m, details.Share.Price);
        var change = Assert.Single(details.LatestChanges);
        Assert.Equal((30m, 32.5m, "Share 3"), (change.OldPrice, change.NewPrice, change.ShareName));
        Assert.Equal(details.LatestChanges, changes);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/shares/999999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/shares/999999/price-updates")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/shares/price-updates/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task Runs_are_listed_newest_first()
    {
        var client = await factory.CreateUserClientAsync(role: AppRoles.Operator);
        await ResetAsync();
        await client.PostAsJsonAsync("/api/shares/generate", new { count = 3 });
        var first = await client.WaitForRunAsync(await client.PostAsJsonAsync("/api/shares/price-updates", new { strategy = "bulk" }));
        var second = await client.WaitForRunAsync(await client.PostAsJsonAsync("/api/shares/price-updates", new { strategy = "sequential" }));

        var runs = await (await client.GetAsync("/api/shares/price-updates")).ReadAsync<List<PriceUpdateRunResponse>>();

        Assert.Equal([second.Id, first.Id], runs.Select(r => r.Id).Take(2));
    }

    [Fact]
    public async Task Shares_are_generated_at_generate_and_at_no_other_route()
    {
        var client = await factory.CreateUserClientAsync(role: AppRoles.Operator);
        await ResetAsync();

        var response = await client.PostAsJsonAsync("/api/shares/seed", new { count = 1 });

        // 405, not 404: routing matches the path to GET /api/shares/{id:int} before it checks the constraint.
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        await using var db = await DbAsync();
        Assert.Equal(0, await db.Set<Share>().CountAsync());
    }

    [Theory]
    [InlineData("/api/shares/generate", """{"count":0}""", "count")]
    [InlineData("/api/shares/generate", """{"count":1000001}""", "count")]
    [InlineData("/api/shares/generate", """{"count":"lots"}""", "count")]
    [InlineData("/api/shares/price-updates", """{"strategy":"turbo"}""", "strategy")]
    [InlineData("/api/shares/price-updates", """{"strategy":2}""", "strategy")]
    [InlineData("/api/shares/price-updates", """{}""", "strategy")]
    [InlineData("/api/shares/price-updates", """{"strategy":"bulk","change":"double"}""", "change")]
    [InlineData("/api/shares/price-updates", """{"strategy":"bulk","amount":"one"}""", "amount")]
    [InlineData("/api/shares/price-updates", """{"strategy":"bulk","change":"percent","amount":-100}""", "amount")]
    [InlineData("/api/shares/price-updates", """{"strategy":"bulk","amount":0.001}""", "amount")]
    [InlineData("/api/shares/price-updates", """{"strategy":"bulk","change":"randomWalk","amount":0}""", "amount")]
    public async Task Bad_input_answers_400_naming_the_field_and_writes_nothing(string url, string body, string field)
    {
        var client = await factory.CreateUserClientAsync(role: AppRoles.Operator);
        await using var db = await DbAsync();
        var before = (await db.Set<Share>().CountAsync(), await db.Set<Run>().CountAsync(r => r.Kind == PriceUpdateKind.KindName));

        var response = await client.PostAsync(url, new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, (await response.ReadAsync<ValidationProblemDetails>()).Errors.Keys);
        Assert.Equal(before, (await db.Set<Share>().CountAsync(), await db.Set<Run>().CountAsync(r => r.Kind == PriceUpdateKind.KindName)));
    }

    [Theory]
    [InlineData("/api/shares?sortBy=colour", "sortBy")]
    [InlineData("/api/shares?order=up", "order")]
    [InlineData("/api/shares?pageSize=501", "pageSize")]
    public async Task Bad_query_values_answer_400_naming_the_parameter(string url, string field)
    {
        var client = await factory.CreateUserClientAsync(role: AppRoles.Operator);

        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, (await response.ReadAsync<ValidationProblemDetails>()).Errors.Keys);
    }

    [Fact]
    public async Task Shares_routes_answer_401_without_a_signed_in_user()
    {
        var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/shares")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/shares/generate", new { count = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/shares/price-updates", new { strategy = "bulk" })).StatusCode);
    }

    private Task<AppDbContext> DbAsync() => factory.DbAsync();

    private Task ResetAsync() => factory.ResetSharesAsync();
}

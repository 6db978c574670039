using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TodoDashboard.Features.Shares;
using TodoDashboard.Infrastructure.Auth;

namespace TodoDashboard.Tests.Features.Admin;

/// <summary>Only admins see emails: a run names who started it by their display name.</summary>
public class StartedByDisplayNameTests(TodoDashboardFactory factory) : IClassFixture<TodoDashboardFactory>
{
    [Fact]
    public async Task Price_update_runs_name_their_starter_by_display_name_and_no_email_reaches_a_member()
    {
        var grace = await factory.CreateAccountAsync(AppRoles.Operator);
        await factory.Services.SetDisplayNameAsync(grace.Email, "Grace Hopper");
        var unnamed = await factory.CreateAccountAsync(AppRoles.Operator);
        var member = await factory.CreateAccountAsync();
        Assert.Equal(HttpStatusCode.OK, await grace.Client.GenerateSharesAsync());

        var graceRun = await StartRunAsync(grace.Client);
        var unnamedRun = await StartRunAsync(unnamed.Client);
        var listing = await member.Client.GetAsync("/api/shares/price-updates");

        Assert.Equal(HttpStatusCode.OK, listing.StatusCode);
        var body = await listing.Content.ReadAsStringAsync();
        Assert.DoesNotContain("@", body, StringComparison.Ordinal);
        var runs = JsonSerializer.Deserialize<List<PriceUpdateRunResponse>>(body, ApiJson.Options)!;
        Assert.Equal("Grace Hopper", runs.Single(r => r.Id == graceRun).StartedBy);
        Assert.Equal(unnamed.Email.Split('@')[0], runs.Single(r => r.Id == unnamedRun).StartedBy);
    }

    private static async Task<Guid> StartRunAsync(HttpClient client)
    {
        var response = await client.PostAsJsonAsync("/api/shares/price-updates", new { strategy = "bulk" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.ReadAsync<PriceUpdateRunResponse>()).Id;
    }
}

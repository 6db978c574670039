using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TodoDashboard.Data;
using TodoDashboard.Features.Shares;

namespace TodoDashboard.Tests.Features.Shares;

/// <summary>The shares API as a script sees it, and the class's own database beside it.</summary>
internal static class SharesApi
{
    /// <summary>Follows a run started with 202 through its status endpoint until it has finished.</summary>
    public static async Task<PriceUpdateRunResponse> WaitForRunAsync(this HttpClient client, HttpResponseMessage started)
    {
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var location = started.Headers.Location!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var run = await (await client.GetAsync(location, timeout.Token)).ReadAsync<PriceUpdateRunResponse>();
            if (!run.IsActive)
            {
                return run;
            }

            // A script watches a run by its status endpoint; the page is pushed its progress instead.
            await Task.Delay(50, timeout.Token);
        }
    }

    public static async Task<AppDbContext> DbAsync(this TodoDashboardFactory factory) =>
        await factory.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();

    /// <summary>No shares, runs or history; ids restart at 1, so "Share i" has id i and a seeded random walk is reproduced exactly.</summary>
    public static async Task ResetSharesAsync(this TodoDashboardFactory factory)
    {
        await using var db = await factory.DbAsync();
        await db.Database.ExecuteSqlRawAsync("TRUNCATE price_changes, shares RESTART IDENTITY; DELETE FROM runs WHERE kind = 'price-updates'");
    }
}

using System.Net;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using TodoDashboard.Features.Shares;
using TodoDashboard.Infrastructure.Runs;
using TodoDashboard.Infrastructure.Auth;

namespace TodoDashboard.Tests.Features.Shares;

/// <summary>
/// A price update is checked against every share before anything is written, and a run that still fails says why in
/// words. The shares: "Share i" at i × 10, but the last one at 99,999,990.00, close to what numeric(10,2) holds.
/// </summary>
public class PriceUpdateValidationTests(TodoDashboardFactory factory) : IClassFixture<TodoDashboardFactory>
{
    private const int ShareCount = 50;
    private const decimal NearMax = 99_999_990m;

    public static TheoryData<string, string?> RefusedRuns { get; } = new()
    {
        { """{"strategy":"bulk","change":"percent","amount":1000.4}""", "at most 100" },
        { """{"strategy":"bulk","change":"percent","amount":1e20}""", "at most 100" },
        { """{"strategy":"bulk","amount":1e20}""", "what a price can hold" },
        { """{"strategy":"bulk","change":"randomWalk","amount":1e20}""", "at most 99,999,999.99" },
        { """{"strategy":"bulk","amount":1e30}""", null },
        { """{"strategy":"bulk","amount":1e400}""", null },
        { """{"strategy":"bulk","change":"percent","amount":100}""", "Share 50 would go from 99,999,990.00 to 199,999,980.00; prices must stay above 0 and at most 99,999,999.99." },
        { """{"strategy":"sequential","amount":10}""", "Share 50 would go from 99,999,990.00 to 100,000,000.00;" },
        { """{"strategy":"parallel","amount":-10}""", "Share 1 would go from 10.00 to 0.00;" },
        { """{"strategy":"bulk","change":"percent","amount":-99.99}""", "Share 1 would go from 10.00 to 0.00;" },
        { """{"strategy":"bulk","change":"randomWalk","amount":10,"seed":3}""", "Share 1 could go from 10.00 to 0.00;" },
    };

    [Theory]
    [MemberData(nameof(RefusedRuns))]
    public async Task A_run_that_would_break_a_price_answers_400_naming_amount_and_writes_nothing(string body, string? message)
    {
        var client = await factory.CreateUserClientAsync(role: AppRoles.Operator);
        await ArrangeSharesAsync();

        var response = await client.PostAsync("/api/shares/price-updates", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadAsync<ValidationProblemDetails>()).Errors;
        Assert.Equal(["amount"], errors.Keys);
        if (message is not null)
        {
            Assert.Contains(message, Assert.Single(errors["amount"]), StringComparison.Ordinal);
        }

        await AssertNothingWrittenAsync();
    }

    [Fact]
    public async Task A_valid_run_after_refused_ones_changes_every_share_exactly_once()
    {
        var client = await factory.CreateUserClientAsync(role: AppRoles.Operator);
        await ArrangeSharesAsync();
        foreach (var body in RefusedRuns.Select(row => (string)row[0]))
        {
            var refused = await client.PostAsync("/api/shares/price-updates", new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        await AssertNothingWrittenAsync();

        var run = await client.WaitForRunAsync(await client.PostAsync("/api/shares/price-updates",
            new StringContent("""{"strategy":"bulk","amount":9.99}""", Encoding.UTF8, "application/json")));

        Assert.Equal((PriceUpdateStatus.Succeeded, ShareCount, ShareCount, (string?)null), (run.Status, run.Total, run.Done, run.Error));
        await using var db = await factory.DbAsync();
        Assert.Equal(ShareCount, await db.Set<PriceChange>().CountAsync(c => c.RunId == run.Id));
        Assert.Equal(ShareCount, await db.Set<PriceChange>().Where(c => c.RunId == run.Id).Select(c => c.ShareId).Distinct().CountAsync());
        Assert.Equal(ExpectedPrices().Select(p => p + 9.99m), await db.Set<Share>().OrderBy(s => s.Id).Select(s => s.Price).ToListAsync());
        Assert.Equal(1, await db.Set<Run>().CountAsync(r => r.Kind == PriceUpdateKind.KindName));
    }

    [Fact]
    public async Task A_run_whose_prices_moved_after_it_was_accepted_fails_before_writing_and_says_why()
    {
        await ArrangeSharesAsync();
        var id = Guid.CreateVersion7();
        await using (var db = await factory.DbAsync())
        {
            // Accepted when share 50 was low; it has since risen, and +10 no longer fits.
            db.Set<Run>().Add(new Run
            {
                Id = id,
                Kind = PriceUpdateKind.KindName,
                OwnerName = "earlier",
                Parameters = RunJson.Serialize(new StartPriceUpdateRequest { Strategy = PriceUpdateStrategy.Bulk, Change = PriceChangeKind.Add, Amount = 10 }),
                Data = "{}",
                State = RunState.Queued,
                Total = ShareCount,
                CreatedAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
        }

        var shares = factory.Services.GetRequiredService<ShareService>();
        await factory.Services.GetRequiredService<RunEngine>().ScheduleAsync(id, CancellationToken.None);
        var run = await WaitForRunAsync(shares, id);

        Assert.Equal(PriceUpdateStatus.Failed, run.Status);
        Assert.Equal(
            "No price was changed. Share 50 would go from 99,999,990.00 to 100,000,000.00; prices must stay above 0 and at most 99,999,999.99. "
            + "The prices have moved since the run was accepted, most likely by another run.",
            run.Error);
        await using var after = await factory.DbAsync();
        Assert.Equal(ExpectedPrices(), await after.Set<Share>().OrderBy(s => s.Id).Select(s => s.Price).ToListAsync());
        Assert.Equal(0, await after.Set<PriceChange>().CountAsync());
    }

    [Fact]
    public async Task A_run_that_overflows_part_way_says_how_many_shares_it_changed_and_which_share_stopped_it()
    {
        var client = await factory.CreateUserClientAsync(role: AppRoles.Operator);
        await factory.ResetSharesAsync();
        var batch = factory.Services.GetRequiredService<IOptions<ShareOptions>>().Value.BulkBatchSize;
        var generated = await client.PostAsync("/api/shares/generate", new StringContent($$"""{"count":{{batch + 500}}}""", Encoding.UTF8, "application/json"));
        generated.EnsureSuccessStatusCode();
        var late = batch + 100;

        // Another writer raises a share of the second batch while the run is checked and commits its first batch;
        // the run's second batch (committing beside the first) waits for that share's lock, then reads the raised price.
        await using var other = new NpgsqlConnection(factory.Database.ConnectionString);
        await other.OpenAsync();
        await using var transaction = await other.BeginTransactionAsync();
        await using (var raise = new NpgsqlCommand("""UPDATE shares SET price = 99999999 WHERE id = $1""", other, transaction))
        {
            raise.Parameters.Add(new() { Value = late });
            await raise.ExecuteNonQueryAsync();
        }

        var started = await client.PostAsync("/api/shares/price-updates", new StringContent("""{"strategy":"bulk","amount":1}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        await WaitForLockWaitAsync();
        await WaitForDoneAsync(batch);
        await transaction.CommitAsync();
        var run = await client.WaitForRunAsync(started);

        Assert.Equal(PriceUpdateStatus.Failed, run.Status);
        Assert.Equal((batch + 500, batch), (run.Total, run.Done));
        Assert.StartsWith($"Stopped after changing {batch:N0} of {batch + 500:N0} shares, which keep their new prices; the other 500 keep their old ones. ", run.Error, StringComparison.Ordinal);
        Assert.Contains($"Share {late} would go from 99,999,999.00 to 100,000,000.00; prices must stay above 0 and at most 99,999,999.99.", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("numeric", run.Error, StringComparison.OrdinalIgnoreCase);
        await using var db = await factory.DbAsync();
        Assert.Equal(batch, await db.Set<PriceChange>().CountAsync(c => c.RunId == run.Id));
        Assert.Equal(0, await db.Set<Share>().CountAsync(s => s.Id <= batch && s.Price != (s.Id * 10) + 1));
        Assert.Equal(0, await db.Set<Share>().CountAsync(s => s.Id > batch && s.Id != late && s.Price != s.Id * 10));
    }

    private static IEnumerable<decimal> ExpectedPrices() =>
        Enumerable.Range(1, ShareCount).Select(i => i == ShareCount ? NearMax : i * 10m);

    private async Task ArrangeSharesAsync()
    {
        await factory.ResetSharesAsync();
        await using var db = await factory.DbAsync();
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO shares (name, price, created_at, updated_at)
            SELECT 'Share ' || i, CASE WHEN i = {ShareCount} THEN {NearMax} ELSE i * 10 END, now(), now() FROM generate_series(1, {ShareCount}) AS i
            """);
    }

    private async Task AssertNothingWrittenAsync()
    {
        await using var db = await factory.DbAsync();
        Assert.Equal(ExpectedPrices(), await db.Set<Share>().OrderBy(s => s.Id).Select(s => s.Price).ToListAsync());
        Assert.Equal(0, await db.Set<Run>().CountAsync(r => r.Kind == PriceUpdateKind.KindName));
        Assert.Equal(0, await db.Set<PriceChange>().CountAsync());
        Assert.Equal(0, await db.Database.SqlQueryRaw<int>(
            "SELECT count(*)::int AS \"Value\" FROM qrtz_job_details WHERE job_group = 'runs'").SingleAsync());
    }

    /// <summary>Until a batch of the run waits for a share's row lock.</summary>
    private async Task WaitForLockWaitAsync()
    {
        await using var db = await factory.DbAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await db.Database.SqlQueryRaw<int>("""
            SELECT count(*)::int AS "Value" FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%UPDATE OF s%'
            """).SingleAsync(timeout.Token) == 0)
        {
            await Task.Delay(20, timeout.Token);
        }
    }

    /// <summary>Until the price-update run has committed <paramref name="done"/> shares.</summary>
    private async Task WaitForDoneAsync(long done)
    {
        await using var db = await factory.DbAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!await db.Set<Run>().AnyAsync(r => r.Kind == PriceUpdateKind.KindName && r.Done >= done, timeout.Token))
        {
            await Task.Delay(20, timeout.Token);
        }
    }

    private static async Task<PriceUpdateRunResponse> WaitForRunAsync(ShareService shares, Guid id)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var run = await shares.GetRunAsync(id, timeout.Token);
            if (run is { IsActive: false })
            {
                return run;
            }

            await Task.Delay(50, timeout.Token);
        }
    }
}

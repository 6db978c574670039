using System.Net;
using System.Net.Http.Json;
using Npgsql;
using TodoDashboard.Features.Customers.Generation;
using TodoDashboard.Infrastructure.Runs;

namespace TodoDashboard.Tests.Infrastructure.Runs;

/// <summary>
/// Every kind on two instances as real processes: started through A (a process, killed mid-run the way a crash kills
/// it), watched and finished on B, with exact counts of what the kind wrote. B's scheduler stands by until A has
/// committed a few steps, so it is certainly A's attempt that the kill interrupts. (Jobs and the no-op kind have the
/// same test beside their own; customers ids, price history and the three databases' row keys make a repeat visible.)
/// </summary>
public class KindsAcrossInstancesTests(RunsFactory instanceB) : IClassFixture<RunsFactory>
{
    private static readonly Dictionary<string, string> SlowSteps = new()
    {
        ["Shares:BatchSize"] = "20",
        ["MultiDatabase:ScaleStepRows"] = "5",
        ["Customers:GenerationBatchSize"] = "2000",
    };

    [Fact]
    public async Task A_price_update_killed_on_A_finishes_on_B_changing_every_share_exactly_once()
    {
        const int shares = 20_000;
        var (run, ended) = await KillMidRunAsync(async client =>
        {
            (await client.PostAsJsonAsync("/api/shares/generate", new { count = shares })).EnsureSuccessStatusCode();
            return await client.PostAsJsonAsync("/api/shares/price-updates", new { strategy = "sequential", amount = 1 });
        }, killAfter: 200);

        Assert.Equal((RunState.Succeeded, (long)shares), (ended.State, ended.Done));
        Assert.Equal(shares, await ScalarAsync<long>("""SELECT count(*) FROM price_changes WHERE run_id = $1""", run));
        Assert.Equal(shares, await ScalarAsync<long>("""SELECT count(DISTINCT share_id) FROM price_changes WHERE run_id = $1""", run));
        Assert.Equal(0L, await ScalarAsync<long>("""SELECT count(*) FROM shares WHERE price <> id * 10 + 1"""));
    }

    [Fact]
    public async Task A_scale_run_killed_on_A_finishes_on_B_with_every_row_once_in_each_database()
    {
        const int scale = 2_000;
        var (run, ended) = await KillMidRunAsync(
            client => client.PostAsJsonAsync("/api/multidb/runs", new { scale, maxConcurrency = 4 }), killAfter: 30);

        Assert.Equal((RunState.Succeeded, 3L * scale), (ended.State, ended.Done));
        foreach (var (database, table) in new[] { ("users", "users"), ("products", "products"), ("orders", "orders") })
        {
            var connection = new NpgsqlConnectionStringBuilder(instanceB.Database.ConnectionString) { Database = $"{instanceB.Database.Name}_{database}" };
            Assert.Equal(
                (scale, scale),
                (await ScalarAsync<long>($"""SELECT count(*) FROM {table} WHERE run_id = $1""", run, connection.ConnectionString),
                 await ScalarAsync<long>($"""SELECT count(DISTINCT row_number) FROM {table} WHERE run_id = $1""", run, connection.ConnectionString)));
        }
    }

    [Fact]
    public async Task A_customer_generation_killed_on_A_finishes_on_B_with_exactly_count_customers_and_every_index()
    {
        const int count = 300_000;
        var (run, ended) = await KillMidRunAsync(
            client => client.PostAsJsonAsync("/api/customers/generate", new { count }), killAfter: 4_000);

        Assert.Equal((RunState.Succeeded, (long)count), (ended.State, ended.Done));
        Assert.Equal(count, await ScalarAsync<long>("SELECT count(*) FROM customers"));
        Assert.Equal(count, await ScalarAsync<long>("SELECT count(DISTINCT customer_id) FROM customers"));
        var indexes = ended.DataAs<GenerationData>().DroppedIndexes;
        Assert.NotEmpty(indexes);
        Assert.Equal(indexes.Count, await ScalarAsync<long>(
            "SELECT count(*) FROM pg_indexes WHERE tablename = 'customers' AND indexname LIKE 'ix\\_customers\\_%'"));
    }

    /// <summary>Starts a run through A, kills A once B sees <paramref name="killAfter"/> committed, and waits for B to end it.</summary>
    private async Task<(Guid Run, RunResponse Ended)> KillMidRunAsync(Func<HttpClient, Task<HttpResponseMessage>> start, long killAfter)
    {
        var nodeB = await instanceB.SchedulerInstanceIdAsync();
        var schedulerB = await instanceB.SchedulerAsync();
        await schedulerB.Standby();
        Guid id;
        try
        {
            await using var instanceA = await AppProcess.StartAsync(instanceB.Database.ConnectionString, SlowSteps);
            var response = await start(await instanceB.OperatorClientAsync(instanceA));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            id = (await response.ReadAsync<RunIdentity>()).Id;
            await instanceB.WaitForAsync(id, r => r.Done >= killAfter, $"{killAfter} done on A");

            instanceA.Kill();
        }
        finally
        {
            await schedulerB.Start();
        }

        var ended = await instanceB.WaitForEndAsync(id);
        var attempts = await instanceB.AttemptsAsync(id);
        Assert.True(attempts.Count >= 2, $"{attempts.Count} attempt(s)");
        Assert.NotEqual(nodeB, attempts[0].Node);
        Assert.Equal("Interrupted", attempts[0].Outcome);
        Assert.Equal((nodeB, "Succeeded"), (attempts[^1].Node, attempts[^1].Outcome));
        Assert.InRange(attempts[^1].DoneAtStart, killAfter, ended.Total - 1);
        return (id, ended);
    }

    private async Task<T> ScalarAsync<T>(string sql, Guid? run = null, string? connectionString = null)
    {
        await using var connection = new NpgsqlConnection(connectionString ?? instanceB.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        if (run is { } id)
        {
            command.Parameters.Add(new() { Value = id });
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }

    private sealed record RunIdentity(Guid Id);
}

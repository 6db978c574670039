using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Quartz;
using TodoDashboard.Features.Customers;
using TodoDashboard.Features.Customers.Generation;
using TodoDashboard.Infrastructure.Runs;

namespace TodoDashboard.Tests.Features.Customers.Generation;

/// <summary>
/// The app with small generation batches (so a few thousand rows make several commits) and a quick recovery sweep,
/// and the customers table's indexes as the migrations made them, read before any run could touch them.
/// </summary>
public class CustomerGenerationFactory : TodoDashboardFactory
{
    public const int BatchSize = 5_000;

    public IReadOnlyDictionary<string, string> MigrationIndexes { get; private set; } = new Dictionary<string, string>();

    protected virtual IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Customers:GenerationBatchSize"] = BatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
        // Every batch exactly BatchSize rows, as the tests count them (the app shrinks a small run's batches).
        ["Customers:GenerationProgressSteps"] = "1",
        ["Runs:RecoveryInterval"] = "00:00:01",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        MigrationIndexes = CustomerTables.IndexesAsync(Database.ConnectionString).GetAwaiter().GetResult();
        return host;
    }

    public async Task<CustomerGenerationRunResponse> WaitForRunAsync(Guid id)
    {
        var generation = Services.GetRequiredService<CustomerGenerationService>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var run = await generation.GetRunAsync(id, timeout.Token);
            Assert.NotNull(run);
            if (!run.IsActive)
            {
                return run;
            }

            await Task.Delay(50, timeout.Token);
        }
    }

    /// <summary>
    /// Stands this app's scheduler down (it is the only one on the class's database) until disposed: runs started
    /// meanwhile stay queued, and the recovery sweep, which only works on a running scheduler, leaves runs alone.
    /// </summary>
    public async Task<IAsyncDisposable> PauseSchedulerAsync()
    {
        var scheduler = await Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await scheduler.Standby();
        return new Resume(scheduler);
    }

    /// <summary>No customers, no generation runs, and every index the migrations made (whatever an earlier test left).</summary>
    public async Task ResetAsync()
    {
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync();
        await CustomerTables.ExecuteAsync(connection, $"""
            TRUNCATE customers RESTART IDENTITY; DELETE FROM runs WHERE kind = '{CustomerGenerationKind.KindName}'
            """);
        foreach (var definition in MigrationIndexes.Values)
        {
            await CustomerTables.ExecuteAsync(connection, CustomerGenerationKind.IfNotExists(definition));
        }
    }
}

/// <summary>Takes the scheduler out of standby.</summary>
internal sealed class Resume(IScheduler scheduler) : IAsyncDisposable
{
    public async ValueTask DisposeAsync() => await scheduler.Start();
}

public static class CustomerTables
{
    /// <summary>Every index of the customers table: name → definition (an index dropped while this reads has none: left out).</summary>
    public static async Task<IReadOnlyDictionary<string, string>> IndexesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'customers' AND indexdef IS NOT NULL ORDER BY indexname", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var indexes = new Dictionary<string, string>();
        while (await reader.ReadAsync())
        {
            indexes[reader.GetString(0)] = reader.GetString(1);
        }

        return indexes;
    }

    public static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>One row of named values, e.g. a set of <c>count(*) FILTER (...) AS name</c> columns.</summary>
    public static async Task<IReadOnlyDictionary<string, object?>> RowAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return Enumerable.Range(0, reader.FieldCount)
            .ToDictionary(reader.GetName, i => reader.IsDBNull(i) ? null : reader.GetValue(i));
    }

    public static IEnumerable<string> GeneratedIndexNames(this IReadOnlyDictionary<string, string> indexes) =>
        indexes.Keys.Where(name => name.StartsWith(CustomerGenerationKind.IndexPrefix, StringComparison.Ordinal));
}

public static class GenerationApi
{
    public static Task<HttpResponseMessage> GenerateAsync(this HttpClient client, int count) =>
        client.PostAsync("/api/customers/generate", JsonContent($$"""{"count":{{count}}}"""));

    public static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    public static async Task<CustomerGenerationRunResponse> AcceptedRunAsync(this HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var run = await response.ReadAsync<CustomerGenerationRunResponse>();
        Assert.Equal($"/api/customers/generate/{run.Id}", response.Headers.Location?.OriginalString);
        return run;
    }

    /// <summary>
    /// Holds the run's lock as a process executing it would (the engine's per-run session lock), so no other session
    /// executes it meanwhile. Not pooled: disposing it ends the session, and so the lock, as a process's exit does.
    /// </summary>
    public static async Task<NpgsqlConnection> HoldRunLockAsync(string connectionString, Guid runId)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_advisory_lock($1, hashtext($2::text))", connection)
        {
            Parameters = { new() { Value = RunExecutor.LockClass }, new() { Value = runId } },
        };
        await command.ExecuteNonQueryAsync();
        return connection;
    }

    /// <summary>Who the tests start runs as when no user is involved.</summary>
    public static RunOwner TestOwner { get; } = new(null, "test");

    public static string BulkPayload => CustomerChange.Bulk.ToPayload();
}

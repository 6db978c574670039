using Npgsql;

namespace TodoDashboard.Tests.Data;

/// <summary>
/// An installation that ran jobs, price updates and customer generation before the run engine keeps every one of them:
/// migrated, they are runs with the same ids, owners, progress and outcomes, and a job's items still belong to it.
/// </summary>
public sealed class RunEngineMigrationTests : IAsyncLifetime
{
    private const string BeforeTheEngine = "20261202001227_UsedRefreshTokens";

    private readonly MigrationTestDatabase _database = new();

    [Fact]
    public async Task Jobs_price_updates_and_generation_runs_written_before_the_engine_become_runs_with_their_data()
    {
        await _database.MigrateAsync(BeforeTheEngine);

        var job = Guid.NewGuid();
        var activeJob = Guid.NewGuid();
        var priceRun = Guid.NewGuid();
        var generation = Guid.NewGuid();
        await _database.ExecuteAsync($"""
            INSERT INTO "AspNetUsers" ("Id", "AccessFailedCount", "DisplayName", "Email", "EmailConfirmed", "LockoutEnabled",
                                       "PhoneNumberConfirmed", "TwoFactorEnabled", "UserName")
            VALUES ('u1', 0, 'Ada', 'ada@example.com', true, false, false, false, 'ada@example.com');
            INSERT INTO jobs ("Id", "OwnerId", "Total", "Done", "Status", "CancelRequested", "CreatedAt", "StartedAt", "FinishedAt", "Error")
            VALUES ('{job}', 'u1', 3, 3, 'Succeeded', false, now() - interval '1 hour', now() - interval '1 hour', now() - interval '59 minutes', NULL),
                   ('{activeJob}', 'u1', 5, 2, 'Processing', false, now(), now(), NULL, NULL);
            INSERT INTO job_items ("JobId", "Number", "Name", "Description", "CreatedAt")
            SELECT '{job}', n, 'Item ' || n, 'Processed', now() FROM generate_series(1, 3) AS n;
            INSERT INTO price_update_runs ("Id", "StartedBy", "Strategy", "Change", "Amount", "Seed", "Status", "Total", "Done",
                                           "CreatedAt", "StartedAt", "FinishedAt", "ElapsedMs", "Error")
            VALUES ('{priceRun}', 'Ada', 'Bulk', 'Percent', 2.5, 7, 'Failed', 100, 40, now(), now(), now(), 125.5, 'Stopped after 40.');
            INSERT INTO customer_generation_runs ("Id", "StartedBy", "Count", "Done", "FirstNumber", "Status", "DroppedIndexes",
                                                  "IndexesBuilt", "CreatedAt", "StartedAt", "LoadMs", "IndexMs")
            VALUES ('{generation}', 'ada@example.com', 1000, 1000, 501, 'Indexing', '["CREATE INDEX a ON customers (city)"]', 0,
                    now(), now(), 900, NULL);
            """);

        await _database.MigrateAsync();

        var runs = await _database.RowsAsync("""
            SELECT id::text, kind, COALESCE(owner_id, '-'), owner_name, state, done::text, total::text,
                   parameters::text, data::text, COALESCE(error, '-'), COALESCE(active_key, '-')
            FROM runs ORDER BY kind, done
            """);
        Assert.Equal(4, runs.Count);
        Assert.Equal([generation.ToString(), "customer-generation", "u1", "ada@example.com", "Running", "1000", "1000"], runs[0][..7]);
        Assert.Contains("\"firstNumber\": 501", runs[0][7]);
        Assert.Contains("\"phase\": \"Indexing\"", runs[0][8]);
        Assert.Contains("CREATE INDEX a ON customers (city)", runs[0][8]);
        Assert.Equal([activeJob.ToString(), "jobs", "u1", "Ada", "Running", "2", "5"], runs[1][..7]);
        Assert.Equal("u1", runs[1][10]);
        Assert.Equal([job.ToString(), "jobs", "u1", "Ada", "Succeeded", "3", "3"], runs[2][..7]);
        Assert.Equal([priceRun.ToString(), "price-updates", "u1", "Ada", "Failed", "40", "100"], runs[3][..7]);
        Assert.Contains("\"strategy\": \"Bulk\"", runs[3][7]);
        Assert.Equal("Stopped after 40.", runs[3][9]);

        // The items stay their job's, and the database still keeps one active job per user.
        Assert.Equal([["3"]], await _database.RowsAsync($"""SELECT count(*)::text FROM job_items i JOIN runs r ON r.id = i.job_id WHERE r.id = '{job}'"""));
        var duplicate = await Assert.ThrowsAsync<PostgresException>(() => _database.ExecuteAsync("""
            INSERT INTO runs (id, kind, owner_id, owner_name, state, active_key, done, total, cancel_requested,
                              created_at, parameters, data, attempt, elapsed_ms, version)
            VALUES (gen_random_uuid(), 'jobs', 'u1', 'Ada', 'Queued', 'u1', 0, 1, false, now(), '{}', '{}', 0, 0, 0)
            """));
        Assert.Equal(PostgresErrorCodes.UniqueViolation, duplicate.SqlState);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _database.DisposeAsync();
}

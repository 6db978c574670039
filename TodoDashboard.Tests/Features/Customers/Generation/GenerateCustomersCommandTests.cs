using Microsoft.EntityFrameworkCore;
using Npgsql;
using TodoDashboard.Tests.Data;
using TodoDashboard.Data;
using TodoDashboard.Features.Customers.Generation;

namespace TodoDashboard.Tests.Features.Customers.Generation;

/// <summary>The command line as a real process, on a database of its own.</summary>
public class GenerateCustomersCommandTests : IAsyncLifetime
{
    private readonly TestDatabase _database = new();

    [Fact]
    public async Task The_command_generates_the_customers_in_process_prints_progress_and_a_summary_and_exits_0()
    {
        var (exitCode, output) = await AppProcess.RunCommandAsync(_database.ConnectionString, "generate-customers", "--customers", "3000");

        Assert.True(exitCode == 0, output);
        Assert.Contains("Generating 3,000 customers, ids C000000001 to C000003000", output, StringComparison.Ordinal);
        Assert.Matches(@"loading +3,000 / 3,000 rows +100\.0% +[\d,]+ rows/s", output);
        Assert.Matches(@"indexing +\d+ / \d+ indexes", output);
        Assert.Matches(@"Succeeded: 3,000 customers in \d+\.\d s; load \d+\.\d s \([\d,]+ rows/s\); \d+ indexes rebuilt and ANALYZE \d+\.\d s\.", output);
        Assert.Equal(3000L, await CustomerTables.ScalarAsync<long>(_database.ConnectionString, "SELECT count(DISTINCT customer_id) FROM customers"));
        var run = await CustomerTables.RowAsync(_database.ConnectionString, """
            SELECT r.state, r.owner_name, a.node FROM runs r JOIN run_attempts a ON a.run_id = r.id
            """);
        Assert.Equal(("Succeeded", GenerateCustomersCommand.StartedBy), ((string)run["state"]!, (string)run["owner_name"]!));
        Assert.StartsWith("cli@", (string)run["node"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_command_refuses_while_a_run_is_active_and_names_it()
    {
        await using (var db = new AppDbContext(MigrationTestDatabase.Options(_database.ConnectionString)))
        {
            await db.Database.MigrateAsync();
        }

        var active = Guid.NewGuid();
        await using (var connection = new NpgsqlConnection(_database.ConnectionString))
        {
            await connection.OpenAsync();
            await CustomerTables.ExecuteAsync(connection, $$"""
                INSERT INTO runs (id, kind, owner_name, state, active_key, done, total, cancel_requested, created_at,
                                  parameters, data, attempt, elapsed_ms, version)
                VALUES ('{{active}}', '{{CustomerGenerationKind.KindName}}', 'another process', 'Running', '{{CustomerGenerationKind.ClusterKey}}',
                        100, 500, false, now(), '{"count": 500, "firstNumber": 11}', '{"phase": "Loading"}', 1, 0, 0)
                """);
        }

        var (exitCode, output) = await AppProcess.RunCommandAsync(_database.ConnectionString, "generate-customers", "--customers", "3000");

        Assert.Equal(1, exitCode);
        Assert.Contains($"A customer generation run is already active: {active} (loading, 100 of 500 rows, started by another process)", output, StringComparison.Ordinal);
        Assert.Equal(0L, await CustomerTables.ScalarAsync<long>(_database.ConnectionString, "SELECT count(*) FROM customers"));
        Assert.Equal(1L, await CustomerTables.ScalarAsync<long>(_database.ConnectionString, "SELECT count(*) FROM runs"));
    }

    [Fact]
    public async Task The_command_exits_2_with_the_usage_on_a_bad_count()
    {
        var (exitCode, output) = await AppProcess.RunCommandAsync(_database.ConnectionString, "generate-customers", "--customers", "6000000");

        Assert.Equal(2, exitCode);
        Assert.Contains("--customers must be a whole number from 1 to 5,000,000, not '6000000'.", output, StringComparison.Ordinal);
        Assert.Contains("Usage: generate-customers --customers N", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "generate-customers", "--customers", "3000000" }, 3_000_000, null)]
    [InlineData(new[] { "generate-customers", "--customers=250" }, 250, null)]
    [InlineData(new[] { "generate-customers" }, 0, "Say how many customers to generate with --customers N.")]
    [InlineData(new[] { "generate-customers", "--customers" }, 0, "--customers must be a whole number from 1 to 5,000,000, not ''.")]
    [InlineData(new[] { "generate-customers", "--customers", "0" }, 0, "--customers must be a whole number from 1 to 5,000,000, not '0'.")]
    [InlineData(new[] { "generate-customers", "--customers", "-3" }, 0, "--customers must be a whole number from 1 to 5,000,000, not '-3'.")]
    [InlineData(new[] { "generate-customers", "--customers", "3e6" }, 0, "--customers must be a whole number from 1 to 5,000,000, not '3e6'.")]
    public void The_count_is_read_from_the_customers_option(string[] args, int count, string? error) =>
        Assert.Equal((count, error), GenerateCustomersCommand.ParseCount(args));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _database.DisposeAsync();
}

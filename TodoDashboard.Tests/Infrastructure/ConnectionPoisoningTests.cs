using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Npgsql;
using TodoDashboard.Features.Customers;
using TodoDashboard.Infrastructure;
using TodoDashboard.Infrastructure.Auth;

namespace TodoDashboard.Tests.Infrastructure;

/// <summary>
/// A statement that fails, for whatever reason, must not leave its pooled connection in a state that breaks the next
/// query on it (issue 12). A failure the server raises while binding parameters (a NUL, or a division by zero folded
/// into the plan) used to poison auto-prepared statements: see README, "Known database driver behaviour".
/// </summary>
public class ConnectionPoisoningTests(ConnectionPoisoningTests.SmallPoolFactory factory) : IClassFixture<ConnectionPoisoningTests.SmallPoolFactory>
{
    private const string Probe = "INSERT INTO poisoning_probes (id, label, quotient) VALUES ($1, $2, 100 / $3) RETURNING id, label, quotient";
    private const string Json = "SELECT json_build_object('id', $1::bigint)";

    private static long _nextId;

    // A command alone; batched with a second statement; the batch explicitly prepared, as the customer search does.
    public static TheoryData<string, string> Failures => new()
    {
        { "nul", "command" }, { "nul", "batch" }, { "nul", "prepared_batch" },
        { "division_by_zero", "command" }, { "division_by_zero", "batch" }, { "division_by_zero", "prepared_batch" },
        { "unique_violation", "command" }, { "unique_violation", "batch" }, { "unique_violation", "prepared_batch" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task Valid_statements_after_a_failing_one_on_the_same_pooled_connection_read_their_own_results(string failure, string shape)
    {
        // One connection, so every statement after the failure runs where it failed.
        var connectionString = new NpgsqlConnectionStringBuilder(factory.Database.ConnectionString) { MaxPoolSize = 1 }.ConnectionString;
        await using var dataSource = DatabaseSetup.CreateDataSource(connectionString);
        await using (var create = dataSource.CreateCommand(
            "CREATE TABLE IF NOT EXISTS poisoning_probes (id bigint PRIMARY KEY, label text NOT NULL, quotient int NOT NULL)"))
        {
            await create.ExecuteNonQueryAsync();
        }

        var problems = new List<string>();
        for (var round = 0; round < 4; round++)
        {
            var id = await ValidAsync(dataSource, shape, problems);
            var (failingId, label, divisor) = failure switch
            {
                "nul" => (NewId(), "a\0b", 4),
                "division_by_zero" => (NewId(), "zero", 0),
                _ => (id, "duplicate", 4),
            };
            await Assert.ThrowsAsync<PostgresException>(() => RunAsync(dataSource, shape, failingId, label, divisor));
            await ValidAsync(dataSource, shape, problems);
            await ValidAsync(dataSource, shape, problems);
        }

        Assert.Empty(problems);
    }

    [Fact]
    public async Task Valid_customer_requests_interleaved_with_failing_ones_each_get_their_own_answer()
    {
        var client = await factory.CreateUserClientAsync(role: AppRoles.Operator);
        var problems = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var name = $"Poisonprobe{(char)('a' + i)}";
            var created = await client.PostAsJsonAsync("/api/customers", NewCustomer($"POISON-{i}", name));
            if (created.StatusCode != HttpStatusCode.Created)
            {
                problems.Add($"POST {name}: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync()}");
            }

            // Whatever these answer (the input policy is to refuse them), they must not break anyone else's request.
            await client.PostAsJsonAsync("/api/customers", NewCustomer($"POISON-NUL-{i}", "a\0b"));
            await client.GetAsync("/api/customers?first_name=a%00b");
            await client.GetAsync("/api/customers?last_name=a%00b&sort_by=city");

            foreach (var query in new[] { $"first_name={name}", $"first_name={name}&last_name=Lovelace", $"first_name={name}&sort_by=city" })
            {
                var response = await client.GetAsync($"/api/customers?{query}");
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    problems.Add($"GET {query}: {(int)response.StatusCode} {body}");
                    continue;
                }

                var page = JsonSerializer.Deserialize<CustomerPage>(body, JsonSerializerOptions.Web)!;
                if (page.Results.Select(r => r.FirstName).SingleOrDefault() != name)
                {
                    problems.Add($"GET {query}: {body}");
                }
            }
        }

        Assert.Empty(problems);
    }

    private static long NewId() => Interlocked.Increment(ref _nextId);

    private static async Task<long> ValidAsync(NpgsqlDataSource dataSource, string shape, List<string> problems)
    {
        var id = NewId();
        try
        {
            var (row, json) = await RunAsync(dataSource, shape, id, $"label-{id}", 4);
            var expected = (id, $"label-{id}", 25);
            if (row != expected || (shape != "command" && json != $"{{\"id\" : {id}}}"))
            {
                problems.Add($"{id}: read {row} {json}, expected {expected}");
            }
        }
        catch (Exception e)
        {
            problems.Add($"{id}: {e.GetType().Name}: {e.Message}");
        }

        return id;
    }

    /// <summary>The probe as a command, or batched with a second statement that returns json (as the customer search does).</summary>
    private static async Task<((long, string, int) Row, string? Json)> RunAsync(NpgsqlDataSource dataSource, string shape, long id, string label, int divisor)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        if (shape == "command")
        {
            await using var command = new NpgsqlCommand(Probe, connection);
            command.Parameters.AddRange(Parameters(id, label, divisor));
            await using var single = await command.ExecuteReaderAsync();
            await single.ReadAsync();
            return ((single.GetInt64(0), single.GetString(1), single.GetInt32(2)), null);
        }

        await using var batch = new NpgsqlBatch(connection);
        batch.BatchCommands.Add(Command(Probe, id, label, divisor));
        batch.BatchCommands.Add(Command(Json, id));
        if (shape == "prepared_batch")
        {
            await batch.PrepareAsync();
        }

        await using var reader = await batch.ExecuteReaderAsync();
        await reader.ReadAsync();
        var row = (reader.GetInt64(0), reader.GetString(1), reader.GetInt32(2));
        var json = await reader.NextResultAsync() && await reader.ReadAsync() ? reader.GetString(0) : null;
        return (row, json);
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(Parameters(values));
        return command;
    }

    private static NpgsqlParameter[] Parameters(params object[] values) => values.Select(v => new NpgsqlParameter { Value = v }).ToArray();

    private static object NewCustomer(string customerId, string firstName) => new
    {
        firstName,
        lastName = "Lovelace",
        gender = "female",
        customerId,
        birthday = "1990-12-10",
        points = 120,
    };

    /// <summary>The app with two pooled connections, so requests reuse the connections earlier ones failed on.</summary>
    public sealed class SmallPoolFactory : TodoDashboardFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("ConnectionStrings:DefaultConnection", $"{Database.ConnectionString};Maximum Pool Size=2");
        }
    }
}

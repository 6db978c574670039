using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace TodoDashboard.Tests.Infrastructure.Faults;

/// <summary>
/// A query that outlives the command timeout answers 503 with a problem, not a 500; issue 18, fault 5: a lock held on
/// a hot table stalls only the requests that need it (each a 503 at the timeout), health answers meanwhile, and all
/// is well again once the lock goes.
/// </summary>
public class DatabaseTimeoutTests(DatabaseTimeoutTests.ShortTimeoutFactory factory) : IClassFixture<DatabaseTimeoutTests.ShortTimeoutFactory>
{
    [Fact]
    public async Task A_query_blocked_past_the_command_timeout_is_a_503_problem()
    {
        var client = await factory.CreateUserClientAsync();
        await using var connection = new NpgsqlConnection(factory.Database.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var lockTable = new NpgsqlCommand("LOCK TABLE customers IN ACCESS EXCLUSIVE MODE", connection, transaction))
        {
            await lockTable.ExecuteNonQueryAsync();
        }

        var response = await client.GetAsync("/api/customers/naive?search=anyone");
        await transaction.RollbackAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var problem = await response.ReadAsync<ProblemDetails>();
        Assert.Equal("The database did not answer in time.", problem.Title);
        Assert.Equal("5", response.Headers.RetryAfter?.ToString());
    }

    [Fact]
    public async Task While_another_session_locks_the_todos_table_its_requests_answer_503_health_answers_and_all_recover_after()
    {
        var client = await factory.CreateUserClientAsync();
        (await client.PostAsJsonAsync("/api/todos", new { title = "saved before the lock" })).EnsureSuccessStatusCode();
        await using var connection = new NpgsqlConnection(factory.Database.ConnectionString);
        await connection.OpenAsync();
        HttpResponseMessage[] blocked;
        HttpResponseMessage health;
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await using (var lockTable = new NpgsqlCommand("LOCK TABLE todos IN ACCESS EXCLUSIVE MODE", connection, transaction))
            {
                await lockTable.ExecuteNonQueryAsync();
            }

            var waiting = Enumerable.Range(0, 8).Select(_ => client.GetAsync("/api/todos")).ToArray();
            health = await client.GetAsync("/health/ready");
            blocked = await Task.WhenAll(waiting);
            await transaction.RollbackAsync();
        }

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.All(blocked, response =>
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("5", response.Headers.RetryAfter?.ToString());
        });
        var after = await client.GetFromJsonAsync<JsonElement>("/api/todos");
        Assert.Contains(after.GetProperty("items").EnumerateArray(), t => t.GetProperty("title").GetString() == "saved before the lock");
    }

    public sealed class ShortTimeoutFactory : TodoDashboardFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("ConnectionStrings:DefaultConnection", $"{Database.ConnectionString};Command Timeout=2");
        }
    }
}

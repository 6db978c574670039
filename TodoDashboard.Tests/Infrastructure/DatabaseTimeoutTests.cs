using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace TodoDashboard.Tests.Infrastructure;

/// <summary>A query that outlives the command timeout answers 503 with a problem, not a 500.</summary>
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

    public sealed class ShortTimeoutFactory : TodoDashboardFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("ConnectionStrings:DefaultConnection", $"{Database.ConnectionString};Command Timeout=2");
        }
    }
}

using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TodoDashboard.Features.MultiDatabase;
using TodoDashboard.Infrastructure.Auth;
using TodoDashboard.Infrastructure.Runs;

namespace TodoDashboard.Tests.Features.MultiDatabase;

/// <summary>Multi-database runs share a budget of the server's connections, so the rest of the app keeps its own.</summary>
public class MultiDbConnectionBudgetTests(MultiDbBudgetFactory factory) : IClassFixture<MultiDbBudgetFactory>
{
    private const int Scale = 400;

    [Fact]
    public async Task Several_scale_runs_at_once_queue_within_the_connection_budget_while_sign_ins_keep_succeeding()
    {
        var email = ApiClientExtensions.NewEmail();
        var client = await factory.CreateUserClientAsync(email, AppRoles.Operator);
        var budget = factory.Services.GetRequiredService<MultiDbConnections>();
        Assert.Equal((MultiDbBudgetFactory.PerDatabase, 3 * MultiDbBudgetFactory.PerDatabase), (budget.PerDatabase, budget.Total));

        using var finished = new CancellationTokenSource();
        var sampling = SampleConnectionsAsync(finished.Token);
        var signingIn = SignInRepeatedlyAsync(email, finished.Token);
        var queued = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.StartScaleAsync(Scale, maxConcurrency: 16)));
        var runs = await Task.WhenAll(queued.Select(run => client.WaitForEndAsync(run.Id)));
        await finished.CancelAsync();
        var (peakTotal, peakPerDatabase) = await sampling;
        var signIns = await signingIn;

        foreach (var run in runs)
        {
            Assert.Equal((RunState.Succeeded, 16), (run.Progress?.State, run.MaxConcurrency));
            Assert.All(run.Summary, s => Assert.Equal((Scale, 0, 0), (s.Inserted, s.Rejected, s.Errors)));
        }

        Assert.True(signIns > 0, "No sign-in completed while the runs were going.");
        Assert.InRange(peakTotal, 1, budget.Total);
        Assert.InRange(peakPerDatabase, 1, budget.PerDatabase);
    }

    [Fact]
    public async Task A_max_concurrency_above_the_cap_answers_400_stating_the_cap_and_runs_nothing()
    {
        var client = await factory.CreateUserClientAsync(role: AppRoles.Operator);
        var runsBefore = (await (await client.GetAsync("/api/multidb/runs")).ReadAsync<List<MultiDbRunSummary>>()).Count;

        var response = await client.PostAsJsonAsync("/api/multidb/runs", new { scale = 5, maxConcurrency = 17 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadAsync<ValidationProblemDetails>()).Errors;
        Assert.Contains("maxConcurrency is at most 16", Assert.Single(errors["maxConcurrency"]), StringComparison.Ordinal);
        Assert.Equal(runsBefore, (await (await client.GetAsync("/api/multidb/runs")).ReadAsync<List<MultiDbRunSummary>>()).Count);
    }

    /// <summary>Signs in again and again until told to stop; every sign-in must succeed. Returns how many did.</summary>
    private async Task<int> SignInRepeatedlyAsync(string email, CancellationToken stop)
    {
        using var client = factory.CreateClient();
        var count = 0;
        while (!stop.IsCancellationRequested)
        {
            var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password = ApiClientExtensions.Password }, CancellationToken.None);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            count++;
        }

        return count;
    }

    /// <summary>
    /// The most connections the app held to the three databases at once, together and to any one of them (the
    /// server's own processes, autovacuum workers say, use none of the budget).
    /// </summary>
    private async Task<(int Total, int PerDatabase)> SampleConnectionsAsync(CancellationToken stop)
    {
        var names = Enum.GetValues<MultiDbTable>().Select(table => $"{factory.Database.Name}_{table.ToString().ToLowerInvariant()}").ToArray();
        await using var connection = new NpgsqlConnection(factory.Database.ConnectionString);
        await connection.OpenAsync(CancellationToken.None);
        await using var command = new NpgsqlCommand(
            """
            SELECT COALESCE(sum(n), 0)::int, COALESCE(max(n), 0)::int FROM (
                SELECT count(*) AS n FROM pg_stat_activity
                WHERE datname = ANY($1) AND backend_type = 'client backend'
                GROUP BY datname) AS c
            """,
            connection)
        {
            Parameters = { new() { Value = names } },
        };
        var (total, perDatabase) = (0, 0);
        while (!stop.IsCancellationRequested)
        {
            await using (var reader = await command.ExecuteReaderAsync(CancellationToken.None))
            {
                await reader.ReadAsync(CancellationToken.None);
                (total, perDatabase) = (Math.Max(total, reader.GetInt32(0)), Math.Max(perDatabase, reader.GetInt32(1)));
            }

            await Task.Delay(10, CancellationToken.None);
        }

        return (total, perDatabase);
    }
}

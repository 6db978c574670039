using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Npgsql;
using TodoDashboard.Infrastructure.Auth;
using TodoDashboard.Infrastructure.Runs;
using TodoDashboard.Tests.Infrastructure.Runs;

namespace TodoDashboard.Tests.Infrastructure.Faults;

/// <summary>
/// Issue 18, fault 1: PostgreSQL restarts (<c>pg_ctl restart -m fast</c>, on a cluster of the test's own) in the
/// middle of a price update while members read and add todos. The run pauses and goes on when the database is back,
/// changing every share exactly once; no request answers 500 (503 while the database is away); every todo a member
/// was told was saved is there once; and the app is ready again by itself.
/// </summary>
public class DatabaseRestartTests(DatabaseRestartTests.RestartFactory factory) : IClassFixture<DatabaseRestartTests.RestartFactory>
{
    private const int Shares = 4_000;

    [Fact]
    public async Task A_price_update_across_a_restart_changes_every_share_once_and_no_request_answers_500()
    {
        var operatorClient = await factory.CreateUserClientAsync(role: AppRoles.Operator);
        (await operatorClient.PostAsJsonAsync("/api/shares/generate", new { count = Shares })).EnsureSuccessStatusCode();
        var started = await operatorClient.PostAsJsonAsync("/api/shares/price-updates", new { strategy = "sequential", amount = 1 });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var run = (await started.ReadAsync<RunIdentity>()).Id;
        await factory.WaitForAsync(run, r => r.Done >= 200, "200 shares changed");

        var member = await factory.CreateUserClientAsync();
        var statuses = new ConcurrentBag<HttpStatusCode>();
        var saved = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();
        var load = Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var title = $"written across a restart {worker}-{i}";
                using var response = i % 2 == 0
                    ? await member.PostAsJsonAsync("/api/todos", new { title })
                    : await member.GetAsync("/api/todos");
                statuses.Add(response.StatusCode);
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    saved.Add(title);
                }
            }
        })).ToArray();

        await Task.Delay(300);
        factory.Cluster.Restart();
        var ended = await factory.WaitForEndAsync(run);
        await stop.CancelAsync();
        await Task.WhenAll(load);

        var attempts = await factory.AttemptsAsync(run);
        // The restart struck the run: its attempt was interrupted, and the next one went on from the last committed step.
        Assert.True(attempts.Count >= 2, $"{attempts.Count} attempt(s)");
        Assert.Equal("Interrupted", attempts[0].Outcome);
        Assert.Equal("Succeeded", attempts[^1].Outcome);
        Assert.Equal((RunState.Succeeded, (long)Shares), (ended.State, ended.Done));
        Assert.Equal((long)Shares, await ScalarAsync("SELECT count(*) FROM price_changes WHERE run_id = $1", run));
        Assert.Equal((long)Shares, await ScalarAsync("SELECT count(DISTINCT share_id) FROM price_changes WHERE run_id = $1", run));
        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM shares WHERE price <> id * 10 + 1"));

        Assert.DoesNotContain(statuses, s => s is not (HttpStatusCode.OK or HttpStatusCode.Created or HttpStatusCode.ServiceUnavailable));
        Assert.Contains(HttpStatusCode.Created, statuses);
        foreach (var title in saved)
        {
            Assert.Equal(1L, await ScalarAsync("SELECT count(*) FROM todos WHERE title = $1", title));
        }

        await RunsFactory.WaitUntilAsync(async () => (await member.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK, "ready again");
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/api/todos")).StatusCode);
    }

    private async Task<long> ScalarAsync(string sql, object? parameter = null)
    {
        // Not pooled: the restart broke every pooled connection of this process.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(factory.Database.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        if (parameter is not null)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        }

        return (long)(await command.ExecuteScalarAsync())!;
    }

    private sealed record RunIdentity(Guid Id);

    /// <summary>The app with the runs engine's test settings, on a PostgreSQL cluster of its own that the test restarts.</summary>
    public sealed class RestartFactory : RunsFactory
    {
        public RestartFactory()
            : this(PrivateCluster.Start())
        {
        }

        private RestartFactory(PrivateCluster cluster)
            : base(new TestDatabase("todo_restart", cluster.ServerConnectionString)) => Cluster = cluster;

        public PrivateCluster Cluster { get; }

        protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>(base.Settings)
        {
            ["Shares:BatchSize"] = "20",
        };

        protected override Task OnDatabaseDroppedAsync()
        {
            Cluster.Dispose();
            return Task.CompletedTask;
        }
    }
}

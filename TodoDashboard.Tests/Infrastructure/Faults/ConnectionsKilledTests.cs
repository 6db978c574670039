using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Npgsql;
using TodoDashboard.Infrastructure;

namespace TodoDashboard.Tests.Infrastructure.Faults;

/// <summary>
/// Issue 18, fault 2: the server terminates the app's pooled connections (<c>pg_terminate_backend</c>, over and over)
/// while members read and add todos. No request answers 500: each one the fault reaches is a 503 with
/// <c>Retry-After</c> and a problem; every todo a member was told was saved (201) is there, once; nothing is saved
/// twice; and once the killing stops the pool heals by itself, every request answering again.
/// </summary>
public class ConnectionsKilledTests(TodoDashboardFactory factory) : IClassFixture<TodoDashboardFactory>
{
    private const int Requests = 240;

    [Fact]
    public async Task Requests_during_killed_connections_answer_or_503_never_500_and_the_pool_heals()
    {
        var client = await factory.CreateUserClientAsync();
        (await client.GetAsync("/api/todos")).EnsureSuccessStatusCode();

        var statuses = new ConcurrentBag<(HttpStatusCode Status, string? RetryAfter, string? Title)>();
        var saved = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();
        var killed = 0;
        var killer = Task.Run(async () =>
        {
            await using var connection = new NpgsqlConnection(factory.Database.ConnectionString);
            await connection.OpenAsync();
            while (!stop.IsCancellationRequested)
            {
                await using var kill = new NpgsqlCommand("""
                    SELECT count(pg_terminate_backend(pid))::int FROM pg_stat_activity
                    WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'
                    """, connection);
                killed += (int)(await kill.ExecuteScalarAsync())!;
                await Task.Delay(25);
            }
        });

        await Parallel.ForEachAsync(Enumerable.Range(0, Requests), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            var title = $"written while connections die {i}";
            using var response = i % 2 == 0
                ? await client.PostAsJsonAsync("/api/todos", new { title }, ct)
                : await client.GetAsync("/api/todos", ct);
            var problem = response.StatusCode == HttpStatusCode.ServiceUnavailable ? await response.ReadAsync<ProblemDetails>() : null;
            statuses.Add((response.StatusCode, response.Headers.RetryAfter?.ToString(), problem?.Title));
            if (response.StatusCode == HttpStatusCode.Created)
            {
                saved.Add(title);
            }
        });
        await stop.CancelAsync();
        await killer;

        Assert.True(killed > 0, "the fault never struck");
        Assert.Contains(statuses, s => s.Status == HttpStatusCode.Created);
        Assert.DoesNotContain(statuses, s => s.Status is not (HttpStatusCode.OK or HttpStatusCode.Created or HttpStatusCode.ServiceUnavailable));
        Assert.All(statuses.Where(s => s.Status == HttpStatusCode.ServiceUnavailable), s =>
            Assert.Equal((DatabaseFaultHandler.RetryAfterSeconds, DatabaseFaultHandler.UnavailableTitle), (s.RetryAfter, s.Title)));

        // The pool heals: the broken connections were dropped where they failed, so every request answers now.
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/todos?pageSize=1")).StatusCode);
        }

        // Every todo the member was told was saved is there, and none is there twice (the API does not retry a write).
        var titles = await TitlesAsync();
        Assert.All(saved, title => Assert.Equal(1, titles.Count(t => t == title)));
        Assert.Equal(titles.Count, titles.Distinct().Count());
    }

    private async Task<List<string>> TitlesAsync()
    {
        // A connection of its own: the killer terminated the idle ones of this process's pool too.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(factory.Database.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT title FROM todos WHERE title LIKE 'written while connections die %'", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var titles = new List<string>();
        while (await reader.ReadAsync())
        {
            titles.Add(reader.GetString(0));
        }

        return titles;
    }
}

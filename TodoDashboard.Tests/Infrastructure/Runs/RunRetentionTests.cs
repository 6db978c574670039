using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using TodoDashboard.Infrastructure.Runs;

namespace TodoDashboard.Tests.Infrastructure.Runs;

/// <summary>The history's clean-up on runs written straight into the table, at the ages and counts it decides by.</summary>
public class RunRetentionTests(RunsFactory factory) : IClassFixture<RunsFactory>
{
    private const string Kind = "retention";

    private const string OtherKind = "retention-other";

    [Fact]
    public async Task The_clean_up_removes_finished_runs_past_the_age_or_the_count_with_their_rows_never_active_ones_and_records_its_pass()
    {
        var now = DateTime.UtcNow;
        var oldSucceeded = await InsertRunAsync(Kind, RunState.Succeeded, now.AddDays(-10), now.AddDays(-10));
        var oldFailed = await InsertRunAsync(Kind, RunState.Failed, now.AddDays(-9), now.AddDays(-9));
        var recent = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            recent.Add(await InsertRunAsync(Kind, i % 2 == 0 ? RunState.Succeeded : RunState.Cancelled, now.AddMinutes(-i - 1), now.AddMinutes(-i)));
        }

        // The active ones are held as executing sessions hold them, so the recovery sweep leaves them be.
        var oldQueued = Guid.CreateVersion7();
        var oldRunning = Guid.CreateVersion7();
        await using var queuedHeld = await factory.HoldRunLockAsync(oldQueued);
        await using var runningHeld = await factory.HoldRunLockAsync(oldRunning);
        await InsertRunAsync(Kind, RunState.Queued, now.AddDays(-20), null, oldQueued);
        await InsertRunAsync(Kind, RunState.Running, now.AddDays(-20), null, oldRunning);
        var others = new[]
        {
            await InsertRunAsync(OtherKind, RunState.Succeeded, now.AddMinutes(-2), now.AddMinutes(-1)),
            await InsertRunAsync(OtherKind, RunState.Failed, now.AddMinutes(-3), now.AddMinutes(-2)),
        };
        var retention = ActivatorUtilities.CreateInstance<RunRetention>(factory.Services, Options.Create(new RunsOptions
        {
            Retention = new RunRetentionOptions { MaxAge = TimeSpan.FromDays(7), MaxRunsPerKind = 3 },
        }));

        var deleted = await retention.CleanAsync("test-node", CancellationToken.None);
        var again = await retention.CleanAsync("test-node", CancellationToken.None);

        Guid[] removed = [oldSucceeded, oldFailed, recent[3], recent[4]];
        Guid[] kept = [recent[0], recent[1], recent[2], oldQueued, oldRunning, .. others];
        Assert.Equal(removed.Length, deleted);
        Assert.Equal(0, again);
        Assert.Equal(kept.Order(), (await RunIdsAsync()).Order());
        foreach (var table in new[] { "run_log", "run_attempts", "run_events" })
        {
            Assert.Equal(0L, await CountAsync(table, removed));
            Assert.Equal((long)kept.Length, await CountAsync(table, kept));
        }

        Assert.Equal([("test-node", 0), ("test-node", removed.Length)], await CleanupsAsync());
    }

    /// <summary>A run of one attempt with one log line (and, by the trigger, one event).</summary>
    private async Task<Guid> InsertRunAsync(string kind, RunState state, DateTime createdAt, DateTime? finishedAt, Guid? runId = null)
    {
        var id = runId ?? Guid.CreateVersion7();
        await using var connection = new NpgsqlConnection(factory.Database.ConnectionString);
        await connection.OpenAsync();
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new("""
                    INSERT INTO runs (id, kind, owner_id, owner_name, state, active_key, done, total, message, cancel_requested,
                                      created_at, started_at, finished_at, error, parameters, data, attempt, elapsed_ms, retry_of, version)
                    VALUES ($1, $2, NULL, 'Retention', $3, NULL, 0, 1, NULL, false, $4, $4, $5, NULL, '{}', '{}', 1, 0, NULL, 0)
                    """)
                {
                    Parameters =
                    {
                        new() { Value = id },
                        new() { Value = kind },
                        new() { Value = state.ToString() },
                        new() { Value = createdAt },
                        new() { Value = (object?)finishedAt ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz },
                    },
                },
                new("""INSERT INTO run_log (run_id, at, level, message) VALUES ($1, $2, 'Info', 'A line.')""")
                {
                    Parameters = { new() { Value = id }, new() { Value = createdAt } },
                },
                new("""INSERT INTO run_attempts (run_id, number, node, started_at, done_at_start) VALUES ($1, 1, 'a-node', $2, 0)""")
                {
                    Parameters = { new() { Value = id }, new() { Value = createdAt } },
                },
            },
        };
        await batch.ExecuteNonQueryAsync();
        return id;
    }

    private async Task<List<Guid>> RunIdsAsync()
    {
        await using var connection = new NpgsqlConnection(factory.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""SELECT id FROM runs WHERE kind IN ($1, $2)""", connection)
        {
            Parameters = { new() { Value = Kind }, new() { Value = OtherKind } },
        };
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<Guid>();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    private async Task<long> CountAsync(string table, Guid[] runIds)
    {
        await using var connection = new NpgsqlConnection(factory.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"""SELECT count(*) FROM {table} WHERE run_id = ANY($1)""", connection)
        {
            Parameters = { new() { Value = runIds } },
        };
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The clean-up passes recorded, newest first: (node, deleted).</summary>
    private async Task<List<(string Node, int Deleted)>> CleanupsAsync()
    {
        await using var connection = new NpgsqlConnection(factory.Database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""SELECT node, deleted FROM run_cleanups WHERE node = 'test-node' ORDER BY id DESC""", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var passes = new List<(string, int)>();
        while (await reader.ReadAsync())
        {
            passes.Add((reader.GetString(0), reader.GetInt32(1)));
        }

        return passes;
    }
}

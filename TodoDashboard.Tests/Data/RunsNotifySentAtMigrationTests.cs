using Npgsql;
using TodoDashboard.Infrastructure.LiveUpdates;

namespace TodoDashboard.Tests.Data;

/// <summary>The runs trigger's NOTIFY carries its send time after the migration, and not after it is undone.</summary>
public sealed class RunsNotifySentAtMigrationTests : IAsyncLifetime
{
    private const string BeforeSentAt = "20261202134223_Passkeys";

    private readonly MigrationTestDatabase _database = new();

    [Fact]
    public async Task A_change_to_a_run_is_announced_with_the_databases_time_and_without_it_once_migrated_down()
    {
        await _database.MigrateAsync();
        var sentAt = NotificationSentAt.Read(await AnnouncedChangeAsync());

        // The unit is the point (milliseconds since the epoch): a second-based value would read as 1970.
        Assert.NotNull(sentAt);
        Assert.InRange(sentAt.Value, DateTimeOffset.UtcNow.AddMinutes(-10), DateTimeOffset.UtcNow.AddMinutes(10));

        await _database.MigrateAsync(BeforeSentAt);
        Assert.Null(NotificationSentAt.Read(await AnnouncedChangeAsync()));
    }

    private async Task<string> AnnouncedChangeAsync()
    {
        await using var listener = new NpgsqlConnection(_database.ConnectionString);
        await listener.OpenAsync();
        string? payload = null;
        listener.Notification += (_, e) => payload = e.Payload;
        await using (var listen = new NpgsqlCommand($"LISTEN {NotificationChannels.Runs}", listener))
        {
            await listen.ExecuteNonQueryAsync();
        }

        await _database.ExecuteAsync("""
            INSERT INTO runs (id, kind, owner_id, owner_name, state, active_key, done, total, cancel_requested,
                              created_at, parameters, data, attempt, elapsed_ms, version)
            VALUES (gen_random_uuid(), 'noop', NULL, 'Ada', 'Queued', NULL, 0, 1, false, now(), '{}', '{}', 0, 0, 0)
            """);
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (payload is null)
        {
            await listener.WaitAsync(patience.Token);
        }

        return payload;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _database.DisposeAsync();
}

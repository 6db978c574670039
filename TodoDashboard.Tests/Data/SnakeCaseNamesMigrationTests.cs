using Microsoft.EntityFrameworkCore;
using Npgsql;
using TodoDashboard.Features.Customers;
using TodoDashboard.Features.Jobs;
using TodoDashboard.Features.MultiDatabase;
using TodoDashboard.Features.Shares;
using TodoDashboard.Features.Todos;
using TodoDashboard.Infrastructure.Auth;
using TodoDashboard.Infrastructure.LiveUpdates;
using TodoDashboard.Infrastructure.Runs;

namespace TodoDashboard.Tests.Data;

/// <summary>
/// An installation created before the snake_case names, holding a row in every table, keeps every row once migrated:
/// EF finds each with its values under the new names, and the triggers still version, record and announce changes.
/// </summary>
public sealed class SnakeCaseNamesMigrationTests : IAsyncLifetime
{
    private const string BeforeSnakeCase = "20261202015111_RunEngine";

    private static readonly DateTime At = new(2026, 11, 30, 10, 0, 0, DateTimeKind.Utc);

    private readonly MigrationTestDatabase _database = new();

    [Fact]
    public async Task Rows_written_under_the_old_names_are_found_with_their_values_and_the_triggers_still_fire()
    {
        await _database.MigrateAsync(BeforeSnakeCase);

        var (run, batch, token) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await _database.ExecuteAsync($$"""
            INSERT INTO "AspNetUsers" ("Id", "AccessFailedCount", "DisplayName", "Email", "NormalizedEmail", "UserName", "NormalizedUserName",
                                       "EmailConfirmed", "LockoutEnabled", "PhoneNumberConfirmed", "TwoFactorEnabled", "SecurityStamp",
                                       "ConcurrencyStamp", "PasswordHash", "LastSignInAt")
            VALUES ('u1', 2, 'Ada', 'ada@example.com', 'ADA@EXAMPLE.COM', 'ada@example.com', 'ADA@EXAMPLE.COM',
                    true, true, false, false, 'stamp', 'concurrency', 'hash', '{{At:O}}');
            INSERT INTO "AspNetUserRoles" ("UserId", "RoleId") VALUES ('u1', 'role-operator');
            INSERT INTO "AspNetUserClaims" ("UserId", "ClaimType", "ClaimValue") VALUES ('u1', 'team', 'blue');
            INSERT INTO "AspNetUserLogins" ("LoginProvider", "ProviderKey", "ProviderDisplayName", "UserId") VALUES ('GitHub', 'gh-1', 'GitHub', 'u1');
            INSERT INTO "AspNetUserTokens" ("UserId", "LoginProvider", "Name", "Value") VALUES ('u1', '[AspNetUserStore]', 'AuthenticatorKey', 'KEY');
            INSERT INTO "AspNetRoleClaims" ("RoleId", "ClaimType", "ClaimValue") VALUES ('role-admin', 'permission', 'all');
            INSERT INTO "DataProtectionKeys" ("FriendlyName", "Xml") VALUES ('key-1', '<key/>');
            INSERT INTO used_refresh_tokens ("Id", "UserId", "ExpiresAt") VALUES ('{{token}}', 'u1', '{{At.AddDays(30):O}}');
            INSERT INTO todos ("OwnerId", "Title", "Description", "IsCompleted", "CreatedAt") VALUES ('u1', 'Rename', 'Every table', true, '{{At:O}}');
            INSERT INTO runs ("Id", "Kind", "OwnerId", "OwnerName", "State", "ActiveKey", "Done", "Total", "Message", "CancelRequested",
                              "CreatedAt", "StartedAt", "FinishedAt", "Error", "Parameters", "Data", "Attempt", "ElapsedMs", "RetryOf", "Version")
            VALUES ('{{run}}', 'jobs', 'u1', 'Ada', 'Succeeded', NULL, 2, 2, 'Done', false,
                    '{{At:O}}', '{{At.AddSeconds(1):O}}', '{{At.AddSeconds(3):O}}', NULL, '{"items": 2}', '{}', 1, 2000, NULL, 0);
            INSERT INTO run_attempts ("RunId", "Number", "Node", "StartedAt", "FinishedAt", "DoneAtStart", "DoneAtEnd", "Outcome")
            VALUES ('{{run}}', 1, 'node-a', '{{At.AddSeconds(1):O}}', '{{At.AddSeconds(3):O}}', 0, 2, 'Succeeded');
            INSERT INTO run_log ("RunId", "At", "Level", "Message") VALUES ('{{run}}', '{{At.AddSeconds(2):O}}', 'Warning', 'Slow.');
            INSERT INTO run_cleanups ("At", "Node", "Deleted") VALUES ('{{At:O}}', 'node-a', 3);
            INSERT INTO job_items ("JobId", "Number", "Name", "Description", "CreatedAt")
            SELECT '{{run}}', n, 'Item ' || n, 'Processed', '{{At:O}}' FROM generate_series(1, 2) AS n;
            INSERT INTO shares ("Name", "Price", "CreatedAt", "UpdatedAt") VALUES ('ACME', 12.34, '{{At:O}}', '{{At:O}}');
            INSERT INTO price_changes ("RunId", "ShareId", "OldPrice", "NewPrice", "ChangedAt") SELECT '{{run}}', "Id", 12.00, 12.34, '{{At:O}}' FROM shares;
            INSERT INTO customers (customer_id, first_name, last_name, gender, created, last_updated, street, street_number, city_code,
                                   city, country, points, relationship_created)
            VALUES ('C1', 'Grace', 'Hopper', 'female', '{{At:O}}', '{{At:O}}', 'Main St', '1', '10001', 'New York', 'USA', 7, '{{At:O}}');
            INSERT INTO multidb_runs ("Id", "StartedBy", "Kind", "CreatedAt", "ElapsedMs", "Result")
            VALUES ('{{batch}}', 'Ada', 'custom', '{{At:O}}', 12.5, '{"kind": "custom"}');
            """);

        await _database.MigrateAsync();

        await using (var db = _database.Context())
        {
            var user = await db.Users.SingleAsync();
            Assert.Equal(("u1", "Ada", "ada@example.com", "stamp", 2, (DateTimeOffset?)At), (user.Id, user.DisplayName, user.Email, user.SecurityStamp, user.AccessFailedCount, user.LastSignInAt));
            Assert.Equal(new { UserId = "u1", RoleId = "role-operator" }, await db.UserRoles.Select(r => new { r.UserId, r.RoleId }).SingleAsync());
            Assert.Equal(new { ClaimType = (string?)"team", ClaimValue = (string?)"blue" }, await db.UserClaims.Select(c => new { c.ClaimType, c.ClaimValue }).SingleAsync());
            Assert.Equal(new { ProviderKey = "gh-1", UserId = "u1" }, await db.UserLogins.Select(l => new { l.ProviderKey, l.UserId }).SingleAsync());
            Assert.Equal("KEY", (await db.UserTokens.SingleAsync()).Value);
            Assert.Equal("all", (await db.RoleClaims.SingleAsync()).ClaimValue);
            Assert.Equal(3, await db.Roles.CountAsync());
            Assert.Equal("<key/>", (await db.DataProtectionKeys.SingleAsync()).Xml);
            Assert.Equal(At.AddDays(30), (await db.Set<UsedRefreshToken>().SingleAsync(t => t.Id == token)).ExpiresAt.UtcDateTime);

            var todo = await db.Set<Todo>().SingleAsync();
            Assert.Equal(("u1", "Rename", "Every table", true, At), (todo.OwnerId, todo.Title, todo.Description, todo.IsCompleted, todo.CreatedAt));

            var stored = await db.Set<Run>().SingleAsync();
            Assert.Equal((run, RunState.Succeeded, 2L, 1L, 2000.0, At.AddSeconds(3)), (stored.Id, stored.State, stored.Done, stored.Version, stored.ElapsedMs, stored.FinishedAt!.Value));
            Assert.Equal(RunAttemptOutcome.Succeeded, (await db.Set<RunAttempt>().SingleAsync()).Outcome);
            Assert.Equal(new { Level = RunLogLevel.Warning, Message = "Slow." }, await db.Set<RunLogEntry>().Select(l => new { l.Level, l.Message }).SingleAsync());
            Assert.Equal(1L, (await db.Set<RunEvent>().SingleAsync()).Version);
            Assert.Equal(3, (await db.Set<RunCleanup>().SingleAsync()).Deleted);
            Assert.Equal([1, 2], await db.Set<JobItem>().Where(i => i.JobId == run).OrderBy(i => i.Number).Select(i => i.Number).ToListAsync());
            Assert.Equal(12.34m, (await db.Set<Share>().SingleAsync()).Price);
            Assert.Equal(new { OldPrice = 12.00m, NewPrice = 12.34m }, await db.Set<PriceChange>().Select(c => new { c.OldPrice, c.NewPrice }).SingleAsync());

            var customer = await db.Set<Customer>().SingleAsync();
            Assert.Equal(("Grace", Gender.Female, "New York", 7), (customer.FirstName, customer.Gender, customer.Address!.City, customer.Relationship.Points));

            var multiDb = await db.Set<MultiDbRun>().SingleAsync();
            Assert.Equal((batch, MultiDbRunKind.Custom, 12.5, """{"kind": "custom"}"""), (multiDb.Id, multiDb.Kind, multiDb.ElapsedMs, multiDb.Result));
        }

        Assert.Empty(await _database.RowsAsync("""SELECT proname FROM pg_proc WHERE pronamespace = 'public'::regnamespace AND prosrc ~ '"[A-Z]'"""));

        // The triggers, under the new names: a run's change is versioned, recorded and announced; a role change is announced.
        await using var listener = new NpgsqlConnection(_database.ConnectionString);
        await listener.OpenAsync();
        var heard = new List<(string Channel, string Payload)>();
        listener.Notification += (_, e) => heard.Add((e.Channel, e.Payload));
        await using (var listen = new NpgsqlCommand($"LISTEN {NotificationChannels.Runs}; LISTEN {NotificationChannels.UserAccess}", listener))
        {
            await listen.ExecuteNonQueryAsync();
        }

        await _database.ExecuteAsync($"""
            UPDATE runs SET message = 'Again' WHERE id = '{run}';
            INSERT INTO asp_net_user_roles (user_id, role_id) VALUES ('u1', 'role-admin');
            """);
        while (heard.Count < 2 && await listener.WaitAsync(TimeSpan.FromSeconds(10)))
        {
        }

        Assert.Equal([["2", "Again"]], await _database.RowsAsync($"SELECT version::text, payload->>'message' FROM run_events WHERE run_id = '{run}' AND version = 2"));
        Assert.Contains(heard, n => n.Channel == NotificationChannels.Runs && n.Payload.Contains(run.ToString(), StringComparison.Ordinal));
        Assert.Contains((NotificationChannels.UserAccess, "u1"), heard);

        // Down renames back: the rows are still there under the old names, and Up again is as before.
        await _database.MigrateAsync(BeforeSnakeCase);
        Assert.Equal([["custom", "Again"]], await _database.RowsAsync("""SELECT m."Kind", r."Message" FROM multidb_runs m, runs r"""));
        await _database.MigrateAsync();
        Assert.Equal([["Custom", "2"]], await _database.RowsAsync("SELECT m.kind, r.version::text FROM multidb_runs m, runs r"));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _database.DisposeAsync();
}

using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace TodoDashboard.Tests.Data;

/// <summary>
/// Identity's schema version 3 adds the passkeys table and nothing else: the columns version 1 made keep their types,
/// and an account made before it keeps its row and can hold a passkey after it.
/// </summary>
public sealed class PasskeysMigrationTests : IAsyncLifetime
{
    private const string BeforePasskeys = "20261202062539_SnakeCaseNames";

    private static readonly string[][] AdasRow = [["ada@example.com", "+44 1234"]];
    private static readonly string[][] PasskeyColumns = [["credential_id", "bytea"], ["data", "jsonb"], ["user_id", "text"]];

    private readonly MigrationTestDatabase _database = new();

    [Fact]
    public async Task An_account_made_before_passkeys_keeps_its_row_and_its_columns_their_types()
    {
        await _database.MigrateAsync(BeforePasskeys);
        await _database.ExecuteAsync("""
            INSERT INTO asp_net_users (id, access_failed_count, email, normalized_email, user_name, normalized_user_name, email_confirmed,
                                       lockout_enabled, phone_number_confirmed, two_factor_enabled, security_stamp, concurrency_stamp, phone_number)
            VALUES ('u1', 0, 'ada@example.com', 'ADA@EXAMPLE.COM', 'ada@example.com', 'ADA@EXAMPLE.COM', true, true, false, false, 's', 'c', '+44 1234');
            """);
        var typesBefore = await ColumnTypesAsync();

        await _database.MigrateAsync();

        Assert.Equal(typesBefore, (await ColumnTypesAsync()).Where(c => c[0] != "asp_net_user_passkeys").ToList());
        Assert.Equal(AdasRow, await _database.RowsAsync("SELECT email, phone_number FROM asp_net_users"));
        Assert.Equal(
            PasskeyColumns,
            await _database.RowsAsync("""
                SELECT column_name, data_type FROM information_schema.columns
                WHERE table_name = 'asp_net_user_passkeys' ORDER BY column_name
                """));
    }

    [Fact]
    public async Task A_context_made_without_the_apps_services_has_the_passkeys_and_no_pending_changes()
    {
        await using var db = _database.Context();

        Assert.NotNull(db.Model.FindEntityType(typeof(IdentityUserPasskey<string>)));
        Assert.False(db.Database.HasPendingModelChanges());
    }

    private Task<List<string[]>> ColumnTypesAsync() => _database.RowsAsync("""
        SELECT table_name, column_name, data_type, coalesce(character_maximum_length::text, '')
        FROM information_schema.columns WHERE table_schema = 'public' AND table_name LIKE 'asp_net_%'
        ORDER BY table_name, column_name
        """);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _database.DisposeAsync();
}

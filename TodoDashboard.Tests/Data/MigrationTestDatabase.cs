using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TodoDashboard.Data;

namespace TodoDashboard.Tests.Data;

/// <summary>A database of its own for a migration test: migrated step by step, written and read with plain SQL.</summary>
public sealed class MigrationTestDatabase : IAsyncDisposable
{
    private readonly TestDatabase _database = new("todo_migration");

    // What the app's services give every context: Identity's schema version, which decides whether the model has passkeys.
    private static readonly IServiceProvider IdentityServices = new ServiceCollection()
        .Configure<IdentityOptions>(options => options.Stores.SchemaVersion = AppDbContext.IdentitySchemaVersion)
        .BuildServiceProvider();

    public string ConnectionString => _database.ConnectionString;

    /// <summary>Options for an <see cref="AppDbContext"/> on <paramref name="connectionString"/> with the app's model.</summary>
    public static DbContextOptions<AppDbContext> Options(string connectionString) =>
        new DbContextOptionsBuilder<AppDbContext>().UseNpgsql(connectionString).UseApplicationServiceProvider(IdentityServices).Options;

    public AppDbContext Context() => new(Options(ConnectionString));

    /// <summary>Migrates up or down to <paramref name="migration"/>, or to the latest when null.</summary>
    public async Task MigrateAsync(string? migration = null)
    {
        await using var db = Context();
        await db.GetService<IMigrator>().MigrateAsync(migration);
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Every row of <paramref name="sql"/>'s result, its columns read as text.</summary>
    public async Task<List<string[]>> RowsAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string[]>();
        while (await reader.ReadAsync())
        {
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToArray());
        }

        return rows;
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using TodoDashboard.Data;

namespace TodoDashboard.Tests.Data;

/// <summary>A database of its own for a migration test: migrated step by step, written and read with plain SQL.</summary>
public sealed class MigrationTestDatabase : IAsyncDisposable
{
    private readonly TestDatabase _database = new("todo_migration");

    public string ConnectionString => _database.ConnectionString;

    public AppDbContext Context() => new(new DbContextOptionsBuilder<AppDbContext>().UseNpgsql(ConnectionString).Options);

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

using Npgsql;

namespace TodoDashboard.Tests.Harness;

/// <summary>
/// A database of its own on the PostgreSQL server ./test.sh starts (ConnectionStrings__DefaultConnection names the server);
/// the app creates and migrates it on start-up, and it is dropped when the test class is done.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private const string DefaultServer = "Host=127.0.0.1;Port=55433;Username=postgres;Database=postgres";

    public TestDatabase(string prefix = "todo_test")
    {
        var server = new NpgsqlConnectionStringBuilder(
            Environment.GetEnvironmentVariable("ConnectionStrings__DefaultConnection") ?? DefaultServer);
        ServerConnectionString = server.ConnectionString;
        Name = $"{prefix}_{Guid.NewGuid():N}";
        ConnectionString = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = Name }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    private string ServerConnectionString { get; }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        // The app's database and the multi-database panel's three beside it.
        foreach (var name in new[] { Name, $"{Name}_users", $"{Name}_products", $"{Name}_orders" })
        {
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}

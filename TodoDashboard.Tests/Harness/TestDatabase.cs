using Npgsql;

namespace TodoDashboard.Tests.Harness;

/// <summary>
/// A database of its own on the PostgreSQL server ./test.sh starts (ConnectionStrings__DefaultConnection names the server);
/// the app creates and migrates it on start-up, and it is dropped when the test class is done.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public TestDatabase(string prefix = "todo_test")
        // No default server: ./test.sh runs the unit tests without one, and a unit test that reaches for it must fail.
        : this(prefix, Environment.GetEnvironmentVariable("ConnectionStrings__DefaultConnection")
            ?? throw new InvalidOperationException("Set ConnectionStrings__DefaultConnection to a PostgreSQL server (./test.sh does)."))
    {
    }

    /// <summary>On another server (a <see cref="PrivateCluster"/>).</summary>
    public TestDatabase(string prefix, string serverConnectionString)
    {
        var server = new NpgsqlConnectionStringBuilder(serverConnectionString);
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

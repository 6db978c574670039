using Npgsql;

namespace TodoDashboard.E2E.Harness;

/// <summary>The database an E2E app (one server or a cluster) runs on, its settings, and its removal afterwards.</summary>
public static class E2EDatabase
{
    /// <summary>The PostgreSQL server's connection string and a new, not yet existing database's on it (the app creates it).</summary>
    public static (string Server, string App) NewConnectionStrings()
    {
        var server = Environment.GetEnvironmentVariable("ConnectionStrings__DefaultConnection")
            ?? throw new InvalidOperationException("Set ConnectionStrings__DefaultConnection to a PostgreSQL server (./test.sh does).");
        var app = new NpgsqlConnectionStringBuilder(server) { Database = $"todo_e2e_{Guid.NewGuid():N}" }.ConnectionString;
        return (server, app);
    }

    /// <summary>Configuration of an app under a browser test.</summary>
    public static IReadOnlyDictionary<string, string> Settings(string adminEmail) => new Dictionary<string, string>
    {
        ["DemoAccount:Email"] = "",
        ["Auth:Admins:0"] = adminEmail,
        ["Auth:LoginAttemptsPerMinute"] = "1000",
        // Items short enough for a test, long enough that a browser sees the bar between 0 and 100%.
        ["Jobs:ItemDuration"] = "00:00:00.300",
        ["Runs:EnableNoOpKind"] = "true",
        ["Quartz:IdleWaitTime"] = "00:00:01",
    };

    /// <summary>Drops the app's database and the multi-database panel's three beside it.</summary>
    public static async Task DropAsync(string serverConnectionString, string appConnectionString)
    {
        // The app's pooled connections would otherwise keep the database open.
        NpgsqlConnection.ClearAllPools();
        var database = new NpgsqlConnectionStringBuilder(appConnectionString).Database;
        await using var connection = new NpgsqlConnection(serverConnectionString);
        await connection.OpenAsync();
        foreach (var name in new[] { database, $"{database}_users", $"{database}_products", $"{database}_orders" })
        {
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}

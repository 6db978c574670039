using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Npgsql;

namespace TodoDashboard.Tests.Features.MultiDatabase;

/// <summary>
/// The app with a reserve that leaves the three databases <see cref="PerDatabase"/> connections each, whatever the
/// test server's max_connections: small enough that four runs of 16 rows at once must queue for them.
/// </summary>
public class MultiDbBudgetFactory : TodoDashboardFactory
{
    public const int PerDatabase = 4;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        var server = new NpgsqlConnectionStringBuilder(Database.ConnectionString) { Database = "postgres", Pooling = false };
        using var connection = new NpgsqlConnection(server.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand("SHOW max_connections", connection);
        var maxConnections = int.Parse((string)command.ExecuteScalar()!, CultureInfo.InvariantCulture);
        builder.UseSetting("MultiDatabase:ConnectionReserve", (maxConnections - (3 * PerDatabase)).ToString(CultureInfo.InvariantCulture));
    }
}

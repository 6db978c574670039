using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace TodoDashboard.E2E.Harness;

/// <summary>
/// The app on a real Kestrel port, so a browser can reach it, against a database of its own
/// (the app creates and migrates it at start-up) that is dropped on dispose.
/// </summary>
public sealed class AppServerFactory : WebApplicationFactory<Program>
{
    private readonly string _serverConnectionString;
    private readonly string _appConnectionString;

    private readonly string _adminEmail;

    /// <param name="adminEmail">The account that is an Admin once registered (Auth:Admins).</param>
    public AppServerFactory(string adminEmail)
    {
        _adminEmail = adminEmail;
        _serverConnectionString = Environment.GetEnvironmentVariable("ConnectionStrings__DefaultConnection")
            ?? throw new InvalidOperationException(
                "Set ConnectionStrings__DefaultConnection to a PostgreSQL server (./test.sh does).");
        _appConnectionString = new NpgsqlConnectionStringBuilder(_serverConnectionString)
        {
            Database = $"todo_e2e_{Guid.NewGuid():N}",
        }.ConnectionString;

        UseKestrel(0);
    }

    /// <summary>Starts the server and returns the address Kestrel actually bound.</summary>
    public Uri Start()
    {
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features
            .GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Development serves the static web assets (MudBlazor's CSS and JS) from the build output.
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:DefaultConnection", _appConnectionString);
        builder.UseSetting("DemoAccount:Email", "");
        builder.UseSetting("Auth:Admins:0", _adminEmail);
        builder.UseSetting("Auth:LoginAttemptsPerMinute", "1000");

        // Items short enough for a test, long enough that a browser sees the bar between 0 and 100%.
        builder.UseSetting("Jobs:ItemDuration", "00:00:00.300");
        builder.UseSetting("Runs:EnableNoOpKind", "true");
        builder.UseSetting("Quartz:IdleWaitTime", "00:00:01");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();

        // The app's pooled connections would otherwise keep the database open.
        NpgsqlConnection.ClearAllPools();
        var database = new NpgsqlConnectionStringBuilder(_appConnectionString).Database;
        await using var connection = new NpgsqlConnection(_serverConnectionString);
        await connection.OpenAsync();
        // The app's database and the multi-database panel's three beside it.
        foreach (var name in new[] { database, $"{database}_users", $"{database}_products", $"{database}_orders" })
        {
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}

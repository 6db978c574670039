using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace TodoDashboard.Tests.Harness;

/// <summary>The whole app in memory, on a real PostgreSQL database of its own (one per test class).</summary>
public class TodoDashboardFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public TodoDashboardFactory() : this(new TestDatabase())
    {
    }

    /// <summary>A second app instance on another instance's database, as when several share one PostgreSQL.</summary>
    protected TodoDashboardFactory(TestDatabase database) => Database = database;

    public TestDatabase Database { get; }

    protected virtual int LoginAttemptsPerMinute => 10_000;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:DefaultConnection", Database.ConnectionString);
        foreach (var (key, value) in TestSettings.Fast)
        {
            builder.UseSetting(key, value);
        }

        builder.UseSetting("Auth:LoginAttemptsPerMinute", LoginAttemptsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public Task InitializeAsync()
    {
        // Starting the server applies the migrations.
        _ = Server;
        return Task.CompletedTask;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await Database.DisposeAsync();
        await OnDatabaseDroppedAsync();
    }

    /// <summary>After the app is stopped and its database dropped (a fixture stops a server of its own here).</summary>
    protected virtual Task OnDatabaseDroppedAsync() => Task.CompletedTask;
}

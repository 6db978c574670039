using Microsoft.EntityFrameworkCore;
using Npgsql;
using TodoDashboard.Infrastructure;
using TodoDashboard.Infrastructure.Runs;

namespace TodoDashboard.Features.MultiDatabase;

public static class MultiDbFeature
{
    /// <summary>
    /// Three databases, one context each. ConnectionStrings:MultiDbUsers/MultiDbProducts/MultiDbOrders may point
    /// anywhere; left out, they are the app's server with "_users", "_products", "_orders" after its database name.
    /// </summary>
    public static IServiceCollection AddMultiDbFeature(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<MultiDbOptions>(configuration.GetSection("MultiDatabase"));
        services.AddSingleton<MultiDbConnections>();
        // Pooled: a scale run makes a context per row, and a pooled one is reset rather than built each time.
        services.AddPooledDbContextFactory<UsersDbContext>((sp, o) => Configure(o, sp, MultiDbTable.Users));
        services.AddPooledDbContextFactory<ProductsDbContext>((sp, o) => Configure(o, sp, MultiDbTable.Products));
        services.AddPooledDbContextFactory<OrdersDbContext>((sp, o) => Configure(o, sp, MultiDbTable.Orders));
        services.AddSingleton<MultiDbInserter>();
        services.AddRunKind<MultiDbScaleKind>();
        services.AddSingleton<MultiDbService>();
        return services;
    }

    public static string ConnectionString(IConfiguration configuration, string database)
    {
        if (configuration.GetConnectionString($"MultiDb{database}") is { Length: > 0 } explicitConnection)
        {
            return explicitConnection;
        }

        var app = new NpgsqlConnectionStringBuilder(configuration.GetConnectionString("DefaultConnection"));
        app.Database = $"{app.Database}_{database.ToLowerInvariant()}";
        return app.ConnectionString;
    }

    // Transient failures (a dropped connection, a restarting server) are retried before a row is reported as an error.
    // Each database has one pool, capped at its share of the server's connections (MultiDbConnections).
    private static void Configure(DbContextOptionsBuilder options, IServiceProvider services, MultiDbTable database) =>
        options.UseNpgsql(
                services.GetRequiredService<MultiDbConnections>().DataSource(database),
                npgsql => npgsql.EnableRetryOnFailure(MultiDbConnections.TransientRetries, MultiDbConnections.RetryDelay, null))
            .UseSnakeCaseNames();

    /// <summary>Creates and migrates the three databases (each has its own migrations).</summary>
    public static async Task MigrateMultiDatabasesAsync(this WebApplication app)
    {
        if (!app.Configuration.GetValue("Database:MigrateOnStartup", true))
        {
            return;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        await Migrate<UsersDbContext>(services);
        await Migrate<ProductsDbContext>(services);
        await Migrate<OrdersDbContext>(services);

        static async Task Migrate<TContext>(IServiceProvider services) where TContext : DbContext
        {
            await using var db = await services.GetRequiredService<IDbContextFactory<TContext>>().CreateDbContextAsync();
            await db.Database.MigrateAsync();
        }
    }

    /// <summary>
    /// The original demo's one command: <c>dotnet run --project TodoDashboard -- insert-data</c> runs the default
    /// dataset, prints every row, the per-table summary and the elapsed time, and exits.
    /// </summary>
    public static async Task<bool> RunInsertDataCommandAsync(this WebApplication app, string[] args)
    {
        if (!args.Contains("insert-data"))
        {
            return false;
        }

        var result = (await app.Services.GetRequiredService<MultiDbService>().RunAsync("insert-data", new MultiDbBatch())).Value!;
        foreach (var row in result.Rows)
        {
            var mark = row.Status == RowStatus.Inserted ? $"inserted as id {row.Id}" : $"{row.Status.ToString().ToLowerInvariant()}: {string.Join(" ", row.Messages)}";
            Console.WriteLine($"{row.Table,-9} row {row.Row,3}  {mark}");
        }

        Console.WriteLine();
        foreach (var table in result.Summary)
        {
            Console.WriteLine($"{table.Table,-9} {table.Inserted} inserted, {table.Rejected} rejected, {table.Errors} errors");
        }

        Console.WriteLine($"Total time: {result.ElapsedMs / 1000:0.0000} s");
        return true;
    }
}

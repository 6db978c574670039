using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using TodoDashboard.Data;

namespace TodoDashboard.Infrastructure;

/// <summary>Registers the app's PostgreSQL database and applies its migrations at start-up.</summary>
public static class DatabaseSetup
{
    public static WebApplicationBuilder AddAppDatabase(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("DefaultConnection")
            ?? throw new InvalidOperationException(
                "Connection string 'DefaultConnection' not found. Set ConnectionStrings__DefaultConnection or run ./run.sh.");

        // The factory serves services and components (one context per operation);
        // the scoped context it also registers serves ASP.NET Core Identity.
        var dataSource = CreateDataSource(connectionString);
        builder.Services.AddSingleton(dataSource);
        builder.Services.AddDbContextFactory<AppDbContext>(options => options.UseNpgsql(dataSource));
        return builder;
    }

    /// <summary>
    /// snake_case names for every table, column, key and index, so hand-written SQL needs no quotes; the migrations
    /// history table excepted (<see cref="UnchangedMigrationsHistory"/>).
    /// </summary>
    public static DbContextOptionsBuilder UseSnakeCaseNames(this DbContextOptionsBuilder options) =>
        options.UseSnakeCaseNamingConvention().ReplaceService<IHistoryRepository, UnchangedMigrationsHistory>();

    /// <summary>
    /// The app's one data source, for EF and for the hand-written SQL of the hot paths. Statements are not
    /// auto-prepared, even when the connection string asks for it: see README, "Known database driver behaviour".
    /// </summary>
    public static NpgsqlDataSource CreateDataSource(string connectionString)
    {
        var dataSourceBuilder = new NpgsqlDataSourceBuilder(connectionString);
        // Npgsql 10 marks an auto-prepared statement prepared once PostgreSQL has parsed it; if the same round trip then
        // fails in Bind (a NUL in a text parameter, a division by zero folded into the plan), it never reads the
        // statement's row description, and every later run on that connection reads its rows as if it had none
        // (https://github.com/npgsql/npgsql/issues/6391). Unprepared statements carry no such state between requests.
        dataSourceBuilder.ConnectionStringBuilder.MaxAutoPrepare = 0;
        return dataSourceBuilder.Build();
    }

    /// <summary>Applies pending migrations unless Database:MigrateOnStartup is false.</summary>
    public static async Task MigrateAppDatabaseAsync(this WebApplication app)
    {
        if (!app.Configuration.GetValue("Database:MigrateOnStartup", true))
        {
            return;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        await db.Database.MigrateAsync();
    }
}

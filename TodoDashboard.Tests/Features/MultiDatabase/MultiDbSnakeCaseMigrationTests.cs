using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TodoDashboard.Features.MultiDatabase;

namespace TodoDashboard.Tests.Features.MultiDatabase;

/// <summary>
/// Three databases created by the migrations before snake_case, holding rows, keep every row when the app migrates them
/// to snake_case names, and their unique natural key and check constraints still refuse what they refused before.
/// </summary>
public sealed class MultiDbSnakeCaseMigrationTests : IAsyncLifetime
{
    private const string UsersBefore = "20261202020433_RowNumbers";
    private const string ProductsBefore = "20261202020437_RowNumbers";
    private const string OrdersBefore = "20261202020442_RowNumbers";

    private static readonly Guid Run = Guid.NewGuid();
    private static readonly DateTime At = new(2026, 11, 30, 8, 15, 0, DateTimeKind.Utc);

    private readonly TestDatabase _database = new("todo_multidb_migration");
    private ServiceProvider? _app;

    [Fact]
    public async Task Rows_written_before_snake_case_are_all_found_after_it_and_the_constraints_still_hold()
    {
        await CreateBeforeSnakeCaseAsync();

        await using (var users = await ContextAsync<UsersDbContext>())
        {
            await users.Database.MigrateAsync();
            Assert.Equal(
                [(1, "Ada", "ada@example.com", Run, (int?)1, At), (2, "Bob", "bob@example.com", Run, 2, At), (3, "Old", "old@example.com", Run, null, At)],
                (await users.Users.OrderBy(u => u.Id).ToListAsync()).Select(u => (u.Id, u.Name, u.Email, u.RunId, u.RowNumber, u.CreatedAt)));

            // The identity still numbers new rows after the old ones.
            users.Users.Add(new MdbUser { Name = "New", Email = "new@example.com", RunId = Run, RowNumber = 3, CreatedAt = At });
            await users.SaveChangesAsync();
            Assert.Equal(4, await users.Users.Where(u => u.RowNumber == 3).Select(u => u.Id).SingleAsync());
        }

        await using (var products = await ContextAsync<ProductsDbContext>())
        {
            await products.Database.MigrateAsync();
            Assert.Equal(
                [(1, "Desk", 120.50m, Run, (int?)1, At), (2, "Lamp", 9.99m, Run, 2, At)],
                (await products.Products.OrderBy(p => p.Id).ToListAsync()).Select(p => (p.Id, p.Name, p.Price, p.RunId, p.RowNumber, p.CreatedAt)));
        }

        await using (var orders = await ContextAsync<OrdersDbContext>())
        {
            await orders.Database.MigrateAsync();
            Assert.Equal(
                [(1, 1, 2, 3, Run, (int?)1, At), (2, 2, 1, 1, Run, 2, At)],
                (await orders.Orders.OrderBy(o => o.Id).ToListAsync()).Select(o => (o.Id, o.UserId, o.ProductId, o.Quantity, o.RunId, o.RowNumber, o.CreatedAt)));
        }

        Assert.Equal(PostgresErrorCodes.UniqueViolation, await RefusedAsync("users",
            $"INSERT INTO users (name, email, run_id, row_number, created_at) VALUES ('Twin', 'twin@example.com', '{Run}', 1, now())"));
        Assert.Equal(PostgresErrorCodes.UniqueViolation, await RefusedAsync("products",
            $"INSERT INTO products (name, price, run_id, row_number, created_at) VALUES ('Twin', 1, '{Run}', 2, now())"));
        Assert.Equal(PostgresErrorCodes.UniqueViolation, await RefusedAsync("orders",
            $"INSERT INTO orders (user_id, product_id, quantity, run_id, row_number, created_at) VALUES (1, 1, 1, '{Run}', 1, now())"));
        Assert.Equal(PostgresErrorCodes.CheckViolation, await RefusedAsync("products",
            "INSERT INTO products (name, price, run_id, created_at) VALUES ('Free', 0, gen_random_uuid(), now())"));
        Assert.Equal(PostgresErrorCodes.CheckViolation, await RefusedAsync("orders",
            "INSERT INTO orders (user_id, product_id, quantity, run_id, created_at) VALUES (1, 1, 0, gen_random_uuid(), now())"));

        Assert.Equal(["pk_users"], await ConstraintsAsync("users"));
        Assert.Equal(["ck_products_price_positive CHECK ((price > (0)::numeric))", "pk_products"], await ConstraintsAsync("products"));
        Assert.Equal(["ck_orders_quantity_positive CHECK ((quantity > 0))", "pk_orders"], await ConstraintsAsync("orders"));
    }

    [Fact]
    public async Task Migrating_back_restores_the_names_from_before_with_every_row()
    {
        await CreateBeforeSnakeCaseAsync();
        await using (var users = await ContextAsync<UsersDbContext>())
        {
            await users.Database.MigrateAsync();
            await users.GetService<IMigrator>().MigrateAsync(UsersBefore);
        }

        await using (var products = await ContextAsync<ProductsDbContext>())
        {
            await products.Database.MigrateAsync();
            await products.GetService<IMigrator>().MigrateAsync(ProductsBefore);
        }

        await using (var orders = await ContextAsync<OrdersDbContext>())
        {
            await orders.Database.MigrateAsync();
            await orders.GetService<IMigrator>().MigrateAsync(OrdersBefore);
        }

        Assert.Equal(3L, await ScalarAsync<long>("users", $"""SELECT count(*) FROM users WHERE "RunId" = '{Run}' AND "CreatedAt" IS NOT NULL"""));
        Assert.Equal(2L, await ScalarAsync<long>("products", $"""SELECT count(*) FROM products WHERE "RunId" = '{Run}' AND "Price" > 0"""));
        Assert.Equal(2L, await ScalarAsync<long>("orders", $"""SELECT count(*) FROM orders WHERE "RunId" = '{Run}' AND "Quantity" > 0"""));
        Assert.Equal(["PK_users"], await ConstraintsAsync("users"));
        Assert.Equal(["PK_products", "ck_products_price_positive CHECK ((\"Price\" > (0)::numeric))"], await ConstraintsAsync("products"));
        Assert.Equal(["PK_orders", "ck_orders_quantity_positive CHECK ((\"Quantity\" > 0))"], await ConstraintsAsync("orders"));
    }

    /// <summary>
    /// The three databases as the app left them before snake_case: migrated by contexts without a naming convention, so
    /// the migrations history tables are as that app created them too, and rows written with the names of then.
    /// </summary>
    private async Task CreateBeforeSnakeCaseAsync()
    {
        await MigrateWithoutConventionAsync<UsersDbContext>(o => new(o), "users", UsersBefore);
        await MigrateWithoutConventionAsync<ProductsDbContext>(o => new(o), "products", ProductsBefore);
        await MigrateWithoutConventionAsync<OrdersDbContext>(o => new(o), "orders", OrdersBefore);

        await ExecuteAsync("users", $"""
            INSERT INTO users ("Name", "Email", "RunId", "RowNumber", "CreatedAt")
            VALUES ('Ada', 'ada@example.com', '{Run}', 1, '{At:O}'), ('Bob', 'bob@example.com', '{Run}', 2, '{At:O}'),
                   ('Old', 'old@example.com', '{Run}', NULL, '{At:O}')
            """);
        await ExecuteAsync("products", $"""
            INSERT INTO products ("Name", "Price", "RunId", "RowNumber", "CreatedAt")
            VALUES ('Desk', 120.50, '{Run}', 1, '{At:O}'), ('Lamp', 9.99, '{Run}', 2, '{At:O}')
            """);
        await ExecuteAsync("orders", $"""
            INSERT INTO orders ("UserId", "ProductId", "Quantity", "RunId", "RowNumber", "CreatedAt")
            VALUES (1, 2, 3, '{Run}', 1, '{At:O}'), (2, 1, 1, '{Run}', 2, '{At:O}')
            """);
    }

    private async Task MigrateWithoutConventionAsync<TContext>(
        Func<DbContextOptions<TContext>, TContext> create, string database, string migration)
        where TContext : DbContext
    {
        await using var db = create(new DbContextOptionsBuilder<TContext>().UseNpgsql(ConnectionString(database)).Options);
        await db.GetService<IMigrator>().MigrateAsync(migration);
    }

    /// <summary>A context as the app configures it (its factory, from the app's own registration).</summary>
    private Task<TContext> ContextAsync<TContext>() where TContext : DbContext
    {
        if (_app is null)
        {
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:DefaultConnection"] = _database.ConnectionString })
                .Build();
            var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
            services.AddMultiDbFeature(configuration);
            _app = services.BuildServiceProvider();
        }

        return _app.GetRequiredService<IDbContextFactory<TContext>>().CreateDbContextAsync();
    }

    private string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(_database.ConnectionString) { Database = $"{_database.Name}_{database}" }.ConnectionString;

    private async Task<string> RefusedAsync(string database, string sql) =>
        (await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(database, sql))).SqlState;

    /// <summary>The table's constraints: the primary key by name, check constraints with their definitions.</summary>
    private async Task<List<string>> ConstraintsAsync(string table)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(table));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"""
            SELECT conname || CASE contype WHEN 'c' THEN ' ' || pg_get_constraintdef(oid) ELSE '' END
            FROM pg_constraint WHERE conrelid = '{table}'::regclass ORDER BY conname COLLATE "C"
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var constraints = new List<string>();
        while (await reader.ReadAsync())
        {
            constraints.Add(reader.GetString(0));
        }

        return constraints;
    }

    private async Task ExecuteAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<T> ScalarAsync<T>(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        await _database.DisposeAsync();
    }
}

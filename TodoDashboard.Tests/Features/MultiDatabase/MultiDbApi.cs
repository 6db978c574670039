using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TodoDashboard.Features.MultiDatabase;

namespace TodoDashboard.Tests.Features.MultiDatabase;

/// <summary>The multi-database API as a script sees it, and the three databases as a test reads them.</summary>
internal static class MultiDbApi
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Posts a scale batch, which must be accepted (202), and returns the queued run.</summary>
    public static async Task<MultiDbRunResult> StartScaleAsync(this HttpClient client, int scale, int? maxConcurrency = null)
    {
        var response = await client.PostAsJsonAsync("/api/multidb/runs", new { scale, maxConcurrency });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return await response.ReadAsync<MultiDbRunResult>();
    }

    /// <summary>Reads the run at its address until it has ended (a script's polling: no event stream needed), and returns it.</summary>
    public static async Task<MultiDbRunResult> WaitForEndAsync(this HttpClient client, Guid id)
    {
        using var timeout = new CancellationTokenSource(RunTimeout);
        while (true)
        {
            var run = await (await client.GetAsync($"/api/multidb/runs/{id}", timeout.Token)).ReadAsync<MultiDbRunResult>();
            Assert.NotNull(run.Progress);
            if (!run.Progress.IsActive)
            {
                return run;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), timeout.Token);
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds, reading it again and again; fails after a generous while.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        using var timeout = new CancellationTokenSource(RunTimeout);
        while (!await condition())
        {
            Assert.False(timeout.IsCancellationRequested, $"Timed out waiting until {what}.");
            await Task.Delay(TimeSpan.FromMilliseconds(20), CancellationToken.None);
        }
    }

    /// <summary>The row numbers each database holds for the run, in order (a number twice would be a duplicate).</summary>
    public static async Task<(List<int?> Users, List<int?> Products, List<int?> Orders)> RowNumbersAsync(this TodoDashboardFactory factory, Guid runId)
    {
        var services = factory.Services;
        await using var users = await services.GetRequiredService<IDbContextFactory<UsersDbContext>>().CreateDbContextAsync();
        await using var products = await services.GetRequiredService<IDbContextFactory<ProductsDbContext>>().CreateDbContextAsync();
        await using var orders = await services.GetRequiredService<IDbContextFactory<OrdersDbContext>>().CreateDbContextAsync();
        return (await users.Users.Where(u => u.RunId == runId).OrderBy(u => u.RowNumber).Select(u => u.RowNumber).ToListAsync(),
            await products.Products.Where(p => p.RunId == runId).OrderBy(p => p.RowNumber).Select(p => p.RowNumber).ToListAsync(),
            await orders.Orders.Where(o => o.RunId == runId).OrderBy(o => o.RowNumber).Select(o => o.RowNumber).ToListAsync());
    }

    /// <summary>Asserts each database holds rows 1 to <paramref name="rows"/> of the run once each, and that order i names user i and product i.</summary>
    public static async Task AssertRowsExactlyOnceAsync(this TodoDashboardFactory factory, Guid runId, int rows)
    {
        var expected = Enumerable.Range(1, rows).Select(i => (int?)i).ToList();
        var (users, products, orders) = await factory.RowNumbersAsync(runId);
        Assert.Equal(expected, users);
        Assert.Equal(expected, products);
        Assert.Equal(expected, orders);

        var services = factory.Services;
        await using var usersDb = await services.GetRequiredService<IDbContextFactory<UsersDbContext>>().CreateDbContextAsync();
        await using var productsDb = await services.GetRequiredService<IDbContextFactory<ProductsDbContext>>().CreateDbContextAsync();
        await using var ordersDb = await services.GetRequiredService<IDbContextFactory<OrdersDbContext>>().CreateDbContextAsync();
        var userIds = await usersDb.Users.Where(u => u.RunId == runId).ToDictionaryAsync(u => u.RowNumber!.Value, u => u.Id);
        var productIds = await productsDb.Products.Where(p => p.RunId == runId).ToDictionaryAsync(p => p.RowNumber!.Value, p => p.Id);
        var named = await ordersDb.Orders.Where(o => o.RunId == runId).Select(o => new { o.RowNumber, o.UserId, o.ProductId }).ToListAsync();
        Assert.All(named, o => Assert.Equal((userIds[o.RowNumber!.Value], productIds[o.RowNumber!.Value]), (o.UserId, o.ProductId)));
    }

    /// <summary>
    /// Holds an exclusive lock on the orders table until disposed: every order insert waits, so a scale run's first
    /// step inserts users and products and then stops, uncommitted, for as long as the test needs.
    /// </summary>
    public static async Task<IAsyncDisposable> HoldOrdersAsync(this TodoDashboardFactory factory)
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(factory.Database.ConnectionString)
        {
            Database = $"{factory.Database.Name}_orders",
            Pooling = false,
        }.ConnectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using (var command = new NpgsqlCommand("LOCK TABLE orders IN EXCLUSIVE MODE", connection, transaction))
        {
            await command.ExecuteNonQueryAsync();
        }

        return new OrdersLock(connection, transaction);
    }

    private sealed class OrdersLock(NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await transaction.RollbackAsync();
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}

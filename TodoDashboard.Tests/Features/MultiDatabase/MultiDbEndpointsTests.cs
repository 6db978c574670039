using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TodoDashboard.Features.MultiDatabase;
using TodoDashboard.Infrastructure.Auth;

namespace TodoDashboard.Tests.Features.MultiDatabase;

public class MultiDbEndpointsTests(TodoDashboardFactory factory) : IClassFixture<TodoDashboardFactory>
{
    [Fact]
    public async Task The_default_dataset_gives_9_1_9_1_7_3_on_every_run_with_each_rejection_explained()
    {
        var client = await factory.CreateUserClientAsync(role: AppRoles.Operator);

        var first = await RunAsync(client, null);
        var second = await RunAsync(client, null);

        foreach (var run in new[] { first, second })
        {
            Assert.Equal(MultiDbRunKind.Default, run.Kind);
            Assert.Equal([(MultiDbTable.Users, 9, 1, 0), (MultiDbTable.Products, 9, 1, 0), (MultiDbTable.Orders, 7, 3, 0)],
                run.Summary.Select(s => (s.Table, s.Inserted, s.Rejected, s.Errors)));
            Assert.Equal(30, run.Rows.Count);
            Assert.Equal(["Name is required."], Row(run, MultiDbTable.Users, 10).Messages);
            Assert.Contains("Price must be greater than 0", Row(run, MultiDbTable.Products, 10).Messages.Single(), StringComparison.Ordinal);
            Assert.Contains("Quantity must be greater than 0", Row(run, MultiDbTable.Orders, 8).Messages.Single(), StringComparison.Ordinal);
            Assert.Contains("Quantity must be greater than 0", Row(run, MultiDbTable.Orders, 9).Messages.Single(), StringComparison.Ordinal);
            var order10 = Row(run, MultiDbTable.Orders, 10).Messages;
            Assert.Contains(order10, m => m.Contains("User row 10 was rejected", StringComparison.Ordinal));
            Assert.Contains(order10, m => m.Contains("Product row 11 does not exist", StringComparison.Ordinal));
            Assert.All(run.Rows.Where(r => r.Status == RowStatus.Inserted), r => Assert.NotNull(r.Id));
            Assert.Equal((9, 9, 7), await CountsAsync(run.Id));
        }
    }

    [Fact]
    public async Task An_order_stores_the_database_ids_of_the_rows_it_named_in_the_batch()
    {
        var client = await factory.CreateUserClientAsync(role: AppRoles.Operator);

        var run = await RunAsync(client, new
        {
            users = new[] { new { row = 1, name = "Ann", email = "ann@example.com" }, new { row = 2, name = "Ben", email = "ben@example.com" } },
            products = new[] { new { row = 1, name = "Pen", price = 2.5m } },
            orders = new[] { new { row = 1, userRow = 2, productRow = 1, quantity = 3 } },
        });

        var orderId = Row(run, MultiDbTable.Orders, 1).Id;
        await using var orders = await factory.Services.GetRequiredService<IDbContextFactory<OrdersDbContext>>().CreateDbContextAsync();
        var order = await orders.Orders.SingleAsync(o => o.Id == orderId);
        Assert.Equal((Row(run, MultiDbTable.Users, 2).Id, Row(run, MultiDbTable.Products, 1).Id, 3), (order.UserId, order.ProductId, order.Quantity));
    }

    [Fact]
    public async Task A_custom_batch_may_name_existing_database_ids_which_are_checked_in_their_databases()
    {
        var client = await factory.CreateUserClientAsync(role: AppRoles.Operator);
        var earlier = await RunAsync(client, null);
        var userId = Row(earlier, MultiDbTable.Users, 1).Id;
        var productId = Row(earlier, MultiDbTable.Products, 1).Id;

        var run = await RunAsync(client, new
        {
            orders = new object[]
            {
                new { row = 1, userId, productId, quantity = 1 },
                new { row = 2, userId = 999_999, productId = 888_888, quantity = 1 },
            },
        });

        Assert.Equal(RowStatus.Inserted, Row(run, MultiDbTable.Orders, 1).Status);
        var rejected = Row(run, MultiDbTable.Orders, 2);
        Assert.Equal(RowStatus.Rejected, rejected.Status);
        Assert.Equal(["User id 999999 does not exist.", "Product id 888888 does not exist."], rejected.Messages);
    }

    [Fact]
    public async Task Every_rule_is_checked_and_every_error_on_a_row_is_reported()
    {
        var client = await factory.CreateUserClientAsync(role: AppRoles.Operator);

        var run = await RunAsync(client, new
        {
            users = new object[]
            {
                new { row = 1, name = "  ", email = "not-an-email" },
                new { row = 2, name = new string('x', 101), email = "x@example.com" },
                new { row = 3, name = "No email" },
            },
            products = new object[]
            {
                new { row = 1, name = "", price = 0 },
                new { row = 2, name = "Priceless" },
                new { row = 3, name = "Fraction", price = 1.005m },
            },
            orders = new object[]
            {
                new { row = 1, userRow = 1, productRow = 1 },
                new { row = 2, userRow = 3, productRow = 2, quantity = 1 },
            },
        });

        Assert.Equal(["Name is required.", "Email 'not-an-email' is not a valid address."], Row(run, MultiDbTable.Users, 1).Messages);
        Assert.Equal(["Name must be at most 100 characters."], Row(run, MultiDbTable.Users, 2).Messages);
        Assert.Equal(["Email is required."], Row(run, MultiDbTable.Users, 3).Messages);
        Assert.Equal(2, Row(run, MultiDbTable.Products, 1).Messages.Count);
        Assert.Equal(["Price is required."], Row(run, MultiDbTable.Products, 2).Messages);
        Assert.Single(Row(run, MultiDbTable.Products, 3).Messages);
        Assert.Equal(3, Row(run, MultiDbTable.Orders, 1).Messages.Count);
        Assert.Equal(2, Row(run, MultiDbTable.Orders, 2).Messages.Count);
        Assert.All(run.Rows, r => Assert.Equal(RowStatus.Rejected, r.Status));
        Assert.Equal((0, 0, 0), await CountsAsync(run.Id));
    }

    [Theory]
    [InlineData("""{"users":[{"row":1,"name":"A","email":"a@b.co"},{"row":1,"name":"B","email":"b@b.co"}]}""", "users")]
    [InlineData("""{"orders":[{"userRow":1,"userId":4,"productRow":1,"quantity":1}]}""", "orders[0]")]
    [InlineData("""{"orders":[{"productRow":1,"quantity":1}]}""", "orders[0]")]
    [InlineData("""{"users":[{"row":0,"name":"A","email":"a@b.co"}]}""", "users")]
    [InlineData("""{"users":"everyone"}""", "users")]
    [InlineData("""{"products":[{"name":"A","price":"cheap"}]}""", "products[0].price")]
    [InlineData("""{"scale":0}""", "scale")]
    [InlineData("""{"scale":10001}""", "scale")]
    [InlineData("""{"scale":5,"users":[{"name":"A","email":"a@b.co"}]}""", "scale")]
    [InlineData("""{"maxConcurrency":0}""", "maxConcurrency")]
    [InlineData("""{"users":[""", "users[0]")]
    public async Task A_malformed_batch_answers_400_naming_the_field_and_writes_nothing(string body, string field)
    {
        var client = await factory.CreateUserClientAsync(role: AppRoles.Operator);
        var runsBefore = (await (await client.GetAsync("/api/multidb/runs")).ReadAsync<List<MultiDbRunSummary>>()).Count;
        var usersBefore = (await (await client.GetAsync("/api/multidb/users")).ReadAsync<RowPage<MdbUser>>()).TotalCount;

        var response = await client.PostAsync("/api/multidb/runs", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, (await response.ReadAsync<ValidationProblemDetails>()).Errors.Keys);
        Assert.Equal(runsBefore, (await (await client.GetAsync("/api/multidb/runs")).ReadAsync<List<MultiDbRunSummary>>()).Count);
        Assert.Equal(usersBefore, (await (await client.GetAsync("/api/multidb/users")).ReadAsync<RowPage<MdbUser>>()).TotalCount);
    }

    [Fact]
    public async Task Runs_are_stored_and_can_be_read_again()
    {
        var client = await factory.CreateUserClientAsync(role: AppRoles.Operator);
        var run = await RunAsync(client, null);

        var again = await (await client.GetAsync($"/api/multidb/runs/{run.Id}")).ReadAsync<MultiDbRunResult>();
        var list = await (await client.GetAsync("/api/multidb/runs")).ReadAsync<List<MultiDbRunSummary>>();

        Assert.Equal(run.Summary, again.Summary);
        Assert.Equal(Describe(run), Describe(again));
        Assert.Equal(run.Id, list[0].Id);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/multidb/runs/{Guid.NewGuid()}")).StatusCode);
        var users = await (await client.GetAsync("/api/multidb/users?pageSize=2")).ReadAsync<RowPage<MdbUser>>();
        Assert.Equal(2, users.Items.Count);
        Assert.True(users.TotalCount >= 9);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/multidb/products")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/multidb/orders")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().PostAsync("/api/multidb/runs", null)).StatusCode);
    }

    private static async Task<MultiDbRunResult> RunAsync(HttpClient client, object? batch)
    {
        var response = batch is null ? await client.PostAsync("/api/multidb/runs", null) : await client.PostAsJsonAsync("/api/multidb/runs", batch);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.ReadAsync<MultiDbRunResult>();
    }

    private static IEnumerable<string> Describe(MultiDbRunResult run) =>
        run.Rows.Select(r => $"{r.Table} {r.Row} {r.Status} {r.Id} {string.Join("|", r.Messages)}");

    private static RowResult Row(MultiDbRunResult run, MultiDbTable table, int row) => run.Rows.Single(r => r.Table == table && r.Row == row);

    private async Task<(int Users, int Products, int Orders)> CountsAsync(Guid runId)
    {
        var services = factory.Services;
        await using var users = await services.GetRequiredService<IDbContextFactory<UsersDbContext>>().CreateDbContextAsync();
        await using var products = await services.GetRequiredService<IDbContextFactory<ProductsDbContext>>().CreateDbContextAsync();
        await using var orders = await services.GetRequiredService<IDbContextFactory<OrdersDbContext>>().CreateDbContextAsync();
        return (await users.Users.CountAsync(u => u.RunId == runId),
            await products.Products.CountAsync(p => p.RunId == runId),
            await orders.Orders.CountAsync(o => o.RunId == runId));
    }
}

using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TodoDashboard.Features.Customers;
using TodoDashboard.Infrastructure.Auth;
using TodoDashboard.Infrastructure.LiveUpdates;

namespace TodoDashboard.Tests.Features.Customers;

/// <summary>Creating, changing and deleting customers, and what that does to cached pages and to readers paging by cursor.</summary>
public class CustomersWriteTests(CustomerDataset data) : IClassFixture<CustomerDataset>
{
    private static readonly string[] WalkNames = ["Aaron", "Zzara"];

    private static object NewCustomer(string customerId, string firstName = "Ada", string? phone = "+4366012345678", object? address = null) => new
    {
        firstName,
        lastName = "Lovelace",
        gender = "female",
        customerId,
        phoneNumber = phone,
        birthday = "1990-12-10",
        address,
        points = 120,
    };

    [Fact]
    public async Task Create_returns_the_new_id_and_get_put_delete_use_it()
    {
        var client = await data.CreateUserClientAsync(role: AppRoles.Operator);
        var address = new { street = "Main Street", streetNumber = "12a", cityCode = "1010", city = "Vienna", country = "Austria" };

        var created = await client.PostAsJsonAsync("/api/customers", NewCustomer("CRUD-1", address: address));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var customer = await created.ReadAsync<CustomerResponse>();
        Assert.True(customer.Id > 0);
        Assert.Equal($"/api/customers/{customer.Id}", created.Headers.Location!.OriginalString);
        Assert.Equal(("+4366012345678", "Vienna", 120, Gender.Female), (customer.PhoneNumber, customer.Address!.City, customer.Relationship.Points, customer.Gender));

        var fetched = await (await client.GetAsync($"/api/customers/{customer.Id}")).ReadAsync<CustomerResponse>();
        Assert.Equal(customer, fetched);

        var updated = await client.PutAsJsonAsync($"/api/customers/{customer.Id}", NewCustomer("CRUD-1", firstName: "Augusta", phone: null));
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var changed = await updated.ReadAsync<CustomerResponse>();
        Assert.Equal(("Augusta", null, null), (changed.FirstName, changed.PhoneNumber, changed.Address));
        Assert.True(changed.LastUpdated > customer.LastUpdated);
        Assert.Equal(customer.Created, changed.Created);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/customers/{customer.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/customers/{customer.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"/api/customers/{customer.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PutAsJsonAsync($"/api/customers/{customer.Id}", NewCustomer("CRUD-1"))).StatusCode);
    }

    [Fact]
    public async Task A_taken_customer_id_is_a_409_naming_it_and_writes_nothing()
    {
        var client = await data.CreateUserClientAsync(role: AppRoles.Operator);
        (await client.PostAsJsonAsync("/api/customers", NewCustomer("DUP-1"))).EnsureSuccessStatusCode();
        var other = await (await client.PostAsJsonAsync("/api/customers", NewCustomer("DUP-2"))).ReadAsync<CustomerResponse>();

        var duplicate = await client.PostAsJsonAsync("/api/customers", NewCustomer("DUP-1", firstName: "Twin"));
        var renamed = await client.PutAsJsonAsync($"/api/customers/{other.Id}", NewCustomer("DUP-1"));

        foreach (var response in new[] { duplicate, renamed })
        {
            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            Assert.Contains("customerId", (await response.ReadAsync<Microsoft.AspNetCore.Http.HttpValidationProblemDetails>()).Errors.Keys);
        }

        var twins = await client.PageAsync("first_name=Twin");
        Assert.Empty(twins.Results);
        Assert.Equal("DUP-2", (await (await client.GetAsync($"/api/customers/{other.Id}")).ReadAsync<CustomerResponse>()).CustomerId);
    }

    [Fact]
    public async Task The_generators_id_form_is_refused_for_new_ids_but_a_generated_customer_keeps_its_own()
    {
        var client = await data.CreateUserClientAsync(role: AppRoles.Operator);
        var generated = await (await client.PostAsJsonAsync("/api/customers", NewCustomer("GEN-LIKE"))).ReadAsync<CustomerResponse>();
        await using (var scope = data.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<TodoDashboard.Data.AppDbContext>>();
            await using var context = await db.CreateDbContextAsync();
            await context.Set<Customer>().Where(c => c.Id == generated.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.CustomerId, "C000000777"));
        }

        var created = await client.PostAsJsonAsync("/api/customers", NewCustomer("C000000123"));
        var renamed = await client.PutAsJsonAsync($"/api/customers/{generated.Id}", NewCustomer("C000000124"));
        var kept = await client.PutAsJsonAsync($"/api/customers/{generated.Id}", NewCustomer("C000000777", firstName: "Kept"));

        foreach (var response in new[] { created, renamed })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("customerId", (await response.ReadAsync<Microsoft.AspNetCore.Http.HttpValidationProblemDetails>()).Errors.Keys);
        }

        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        var keptCustomer = await kept.ReadAsync<CustomerResponse>();
        Assert.Equal(("Kept", "C000000777"), (keptCustomer.FirstName, keptCustomer.CustomerId));
        Assert.Empty((await client.PageAsync("customer_id=C000000123")).Results);
    }

    public static TheoryData<object, string> BadCustomers() => new()
    {
        { new { lastName = "L", customerId = "X1" }, "firstName" },
        { new { firstName = "  ", lastName = "L", customerId = "X1" }, "firstName" },
        { new { firstName = new string('a', 129), lastName = "L", customerId = "X1" }, "firstName" },
        { new { firstName = "F", lastName = "L" }, "customerId" },
        { new { firstName = "F", lastName = "L", customerId = "X1", phoneNumber = "0664 123" }, "phoneNumber" },
        { new { firstName = "F", lastName = "L", customerId = "X1", phoneNumber = "+0123456789" }, "phoneNumber" },
        { new { firstName = "F", lastName = "L", customerId = "X1", gender = "robot" }, "gender" },
        { new { firstName = "F", lastName = "L", customerId = "X1", points = -1 }, "points" },
        { new { firstName = "F", lastName = "L", customerId = "X1", birthday = "not a date" }, "birthday" },
        { new { firstName = "F", lastName = "L", customerId = "X1", address = new { street = "S", streetNumber = "1", cityCode = "1", country = "AT" } }, "address.city" },
    };

    [Theory]
    [MemberData(nameof(BadCustomers))]
    public async Task Bad_customers_answer_400_naming_the_field_and_write_nothing(object body, string field)
    {
        var client = await data.CreateUserClientAsync(role: AppRoles.Operator);
        var existing = await (await client.PostAsJsonAsync("/api/customers", NewCustomer($"BAD-{Guid.NewGuid():N}"))).ReadAsync<CustomerResponse>();

        var created = await client.PostAsJsonAsync("/api/customers", body);
        var updated = await client.PutAsJsonAsync($"/api/customers/{existing.Id}", body);

        foreach (var response in new[] { created, updated })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(field, (await response.ReadAsync<Microsoft.AspNetCore.Http.HttpValidationProblemDetails>()).Errors.Keys);
        }

        Assert.Empty((await client.PageAsync("customer_id=X1")).Results);
        Assert.Equal(existing, await (await client.GetAsync($"/api/customers/{existing.Id}")).ReadAsync<CustomerResponse>());
    }

    [Fact]
    public async Task A_change_drops_only_the_cached_pages_it_affects()
    {
        var customers = await data.InsertAsync();
        var client = await data.CreateUserClientAsync(role: AppRoles.Operator);
        var chen = customers.Where(c => c.FirstName == "Chen").Select(c => c.Id).ToHashSet();
        var outsider = customers.First(c => c.FirstName == "Bella");
        const string Chens = "first_name=chen&sort_by=customer_id";
        const string ByPoints = "sort_by=points&page_size=5";
        await client.PageAsync(Chens);
        await client.PageAsync(ByPoints);
        Assert.True((await client.PageAsync(Chens)).Performance.Cached);

        // A new phone for a customer on neither page, whose phone neither query reads: both stay cached.
        await client.PutAsJsonAsync($"/api/customers/{outsider.Id}", Request(outsider) with { PhoneNumber = "+4912345678901" });
        Assert.True((await client.PageAsync(Chens)).Performance.Cached);

        // A customer on the page changes: the page is read again and shows it.
        var onPage = customers.First(c => chen.Contains(c.Id));
        var noticed = NoticeOf(onPage.Id);
        await client.PutAsJsonAsync($"/api/customers/{onPage.Id}", Request(onPage) with { PhoneNumber = "+4912345678902" });
        var reread = await client.PageAsync(Chens);
        Assert.False(reread.Performance.Cached);
        Assert.Equal("+4912345678902", reread.Results.Single(r => r.Id == onPage.Id).PhoneNumber);

        // The update's own notice may reach this instance after that read and drop the page once more (a cache miss,
        // never a stale page); once it has, the page is cached again for what follows.
        await noticed.WaitAsync(TimeSpan.FromSeconds(30));
        await client.PageAsync(Chens);

        // A new customer called Bella cannot join the Chens: cached. A new Chen does: read again, and listed.
        await client.PostAsJsonAsync("/api/customers", NewCustomer("CACHE-BELLA", firstName: "Bella"));
        Assert.True((await client.PageAsync(Chens)).Performance.Cached);
        var newChen = await (await client.PostAsJsonAsync("/api/customers", NewCustomer("CACHE-CHEN", firstName: "chen"))).ReadAsync<CustomerResponse>();
        var withNewChen = await client.PageAsync(Chens);
        Assert.False(withNewChen.Performance.Cached);
        Assert.Contains(newChen.Id, withNewChen.Results.Select(r => r.Id));

        // Points changed: listings sorted by points are read again.
        await client.PageAsync(ByPoints);
        await client.PutAsJsonAsync($"/api/customers/{outsider.Id}", Request(outsider) with { Points = 99_999 });
        Assert.False((await client.PageAsync(ByPoints)).Performance.Cached);
    }

    [Fact]
    public async Task A_change_made_through_another_instance_reaches_this_instances_cache()
    {
        var customers = await data.InsertAsync();
        await using var other = new SecondInstance(data.Database);
        var here = await data.CreateUserClientAsync(role: AppRoles.Operator);
        var there = await other.CreateUserClientAsync(role: AppRoles.Operator);
        var zoe = customers.First(c => c.FirstName == "Zoe");
        const string Zoes = "first_name=zoe&sort_by=full_name";
        await here.PageAsync(Zoes);
        Assert.True((await here.PageAsync(Zoes)).Performance.Cached);

        (await there.PutAsJsonAsync($"/api/customers/{zoe.Id}", Request(zoe) with { LastName = "Zzyzx" })).EnsureSuccessStatusCode();

        // The other instance's NOTIFY arrives asynchronously; wait for it (bounded), then read fresh data.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        CustomerPage page;
        do
        {
            page = await here.PageAsync(Zoes);
        }
        while (page.Performance.Cached && DateTime.UtcNow < deadline && await Delay());

        Assert.False(page.Performance.Cached);
        Assert.Equal("Zzyzx", page.Results.Single(r => r.Id == zoe.Id).LastName);
        Assert.Equal(zoe.Id, page.Results[^1].Id);

        static async Task<bool> Delay()
        {
            await Task.Delay(50);
            return true;
        }
    }

    [Fact]
    public async Task Customers_inserted_while_paging_are_neither_skipped_nor_repeated()
    {
        var customers = await data.InsertAsync();
        var client = await data.CreateUserClientAsync(role: AppRoles.Operator);
        var inserted = new List<long>();
        var n = 0;

        // Sorted by first name: each insert lands before the reader (Aaron) or after it (Zz…), never shifting a page.
        var (ids, _) = await client.WalkForwardAsync("sort_by=first_name&page_size=6", async () =>
        {
            n++;
            foreach (var name in WalkNames)
            {
                var response = await client.PostAsJsonAsync("/api/customers", NewCustomer($"WALK-{name}-{n}", firstName: name));
                inserted.Add((await response.ReadAsync<CustomerResponse>()).Id);
            }
        });

        Assert.Equal(ids.Count, ids.Distinct().Count());
        var originals = ids.Where(id => customers.Any(c => c.Id == id)).ToList();
        var expected = CustomerDataset.Order(customers, CustomerSort.FirstName, false).Select(c => c.Id).ToList();
        Assert.Equal(expected, originals);
        Assert.True(ids.Intersect(inserted).Any(), "rows inserted ahead of the reader are read");
    }

    internal static CustomerRequest Request(Customer c) => new()
    {
        FirstName = c.FirstName,
        LastName = c.LastName,
        Gender = c.Gender,
        CustomerId = c.CustomerId,
        PhoneNumber = c.PhoneNumber,
        Birthday = c.Birthday,
        Address = c.Address is { } a ? new CustomerAddressDto(a.Street, a.StreetNumber, a.CityCode, a.City, a.Country) : null,
        Points = c.Relationship.Points,
        LastActivity = c.Relationship.LastActivity,
    };

    private sealed class SecondInstance(TestDatabase database) : TodoDashboardFactory(database);

    /// <summary>Completes when this instance's notification hub has delivered the change to customer <paramref name="id"/>.</summary>
    private Task NoticeOf(long id)
    {
        var noticed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        IDisposable? subscription = null;
        subscription = data.Services.GetRequiredService<PostgresNotificationHub>().Subscribe(CustomerChange.Channel, payload =>
        {
            if (payload is not null && CustomerChange.FromPayload(payload)?.Id == id)
            {
                noticed.TrySetResult();
                subscription?.Dispose();
            }
        });
        return noticed.Task;
    }
}

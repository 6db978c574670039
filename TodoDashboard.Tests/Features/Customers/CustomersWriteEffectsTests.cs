using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using TodoDashboard.Features.Customers;
using TodoDashboard.Infrastructure.Auth;
using TodoDashboard.Infrastructure.LiveUpdates;
using static TodoDashboard.Tests.Features.Customers.CustomerRequests;

namespace TodoDashboard.Tests.Features.Customers;

/// <summary>What creating and changing customers does to cached pages, on this instance and another, and to readers paging by cursor.</summary>
public class CustomersWriteEffectsTests(CustomerDataset data) : IClassFixture<CustomerDataset>
{
    private static readonly string[] WalkNames = ["Aaron", "Zzara"];

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
    public async Task A_changes_notification_carries_its_send_time_and_still_reads_as_the_change()
    {
        var customers = await data.InsertAsync();
        var client = await data.CreateUserClientAsync(role: AppRoles.Operator);
        var zoe = customers.First(c => c.FirstName == "Zoe");
        var received = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = data.Services.GetRequiredService<PostgresNotificationHub>().Subscribe(CustomerChange.Channel, payload =>
        {
            if (payload is not null && CustomerChange.FromPayload(payload)?.Id == zoe.Id)
            {
                received.TrySetResult(payload);
            }
        });
        var before = DateTimeOffset.UtcNow;

        (await client.PutAsJsonAsync($"/api/customers/{zoe.Id}", Request(zoe) with { Points = 7 })).EnsureSuccessStatusCode();

        // The database's clock on this machine: the same as the test's, give or take a clock tick.
        var sentAt = NotificationSentAt.Read(await received.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.NotNull(sentAt);
        Assert.InRange(sentAt.Value, before.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1));
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

using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using TodoDashboard.Features.Customers;
using TodoDashboard.Infrastructure.Auth;
using TodoDashboard.Tests.Infrastructure.Health;

namespace TodoDashboard.Tests.Features.Customers;

/// <summary>
/// Two app instances on one database and one Redis (ConnectionStrings:Redis): pages one instance read serve the
/// other, and a change made through either drops them on both — including a page stored late by an instance that
/// had not yet seen the change.
/// </summary>
public class CustomersSharedCacheTests(CustomersSharedCacheTests.SharedCacheDataset data) : IClassFixture<CustomersSharedCacheTests.SharedCacheDataset>
{
    /// <summary>The Redis ./test.sh starts (TODO_DASHBOARD_TEST_REDIS), keyed apart per test database.</summary>
    private static void UseSharedCache(IWebHostBuilder builder, TestDatabase database)
    {
        builder.UseSetting("ConnectionStrings:Redis", Environment.GetEnvironmentVariable("TODO_DASHBOARD_TEST_REDIS") ?? "127.0.0.1:56379");
        builder.UseSetting("Redis:InstanceName", $"{database.Name}:");
        builder.UseSetting("Customers:DistributedInvalidationRepeat", "00:00:01");
    }

    [Fact]
    public async Task A_page_one_instance_read_is_served_to_another_from_the_shared_cache()
    {
        await data.InsertAsync();
        var (other, here, there) = await TwoInstancesAsync();
        await using var _ = other;
        const string Query = "country=austria&sort_by=points&ordering=descending";

        var read = await here.PageAsync(Query);
        var shared = await there.PageAsync(Query);

        Assert.False(read.Performance.Cached);
        Assert.NotEmpty(read.Results);
        // The other instance never ran the query: the page came from Redis, whole.
        Assert.True(shared.Performance.Cached);
        Assert.Equal(0, shared.Performance.QueryCount);
        Assert.Equal(read.Results, shared.Results);
        Assert.Equal((read.Next, read.Previous, read.EstimatedTotal), (shared.Next, shared.Previous, shared.EstimatedTotal));
    }

    [Fact]
    public async Task A_change_through_one_instance_drops_the_shared_page_on_both()
    {
        var customers = await data.InsertAsync();
        var (other, here, there) = await TwoInstancesAsync();
        await using var _ = other;
        const string Query = "first_name=bella&sort_by=full_name";
        var bella = customers.First(c => c.FirstName == "Bella");
        await here.PageAsync(Query);
        Assert.True((await there.PageAsync(Query)).Performance.Cached);

        (await there.PutAsJsonAsync($"/api/customers/{bella.Id}", CustomerRequests.Request(bella) with { LastName = "Zzyzx" })).EnsureSuccessStatusCode();

        var atWriter = await there.PageAsync(Query);
        Assert.False(atWriter.Performance.Cached);
        Assert.Equal("Zzyzx", atWriter.Results.Single(r => r.Id == bella.Id).LastName);
        // Fresh on the other instance as soon as its NOTIFY arrives (from the database, or from the page the writer just stored).
        await ReadUntilAsync(here, Query, page => page.Results.Single(r => r.Id == bella.Id).LastName == "Zzyzx");
    }

    [Fact]
    public async Task A_page_stored_late_by_an_instance_that_had_not_yet_seen_a_change_is_dropped_everywhere()
    {
        var customers = await data.InsertAsync();
        var (other, here, there) = await TwoInstancesAsync();
        await using var _ = other;
        const string Query = "first_name=john&sort_by=full_name";
        var john = customers.First(c => c.FirstName == "John");
        var hereCache = data.Services.GetRequiredService<CustomerCache>();
        var thereCache = other.Services.GetRequiredService<CustomerCache>();

        // The other instance reads the page before the change...
        Assert.False((await there.PageAsync(Query)).Performance.Cached);
        var parsed = CustomerQueryParser.Parse(new QueryCollection(QueryHelpers.ParseQuery(Query)));
        var key = CustomerSearch.CacheKey(parsed.Query, null);
        var stale = await thereCache.GetAsync(key, CancellationToken.None);
        Assert.NotNull(stale);
        var tags = CustomerCache.TagsFor(new CustomerSearchSql(parsed.Query), stale.Results.Select(r => r.Id));

        var (hereEpoch, thereEpoch) = (hereCache.Epoch, thereCache.Epoch);
        (await here.PutAsJsonAsync($"/api/customers/{john.Id}", CustomerRequests.Request(john) with { LastName = "Zzyzx" })).EnsureSuccessStatusCode();
        await WaitForAsync(() => hereCache.Epoch > hereEpoch && thereCache.Epoch > thereEpoch);

        // ...and stores it only now, after both instances applied the change's first invalidation: as if its store
        // had raced the NOTIFY. Without the second invalidation, both would serve this page for its whole lifetime.
        await thereCache.StoreAsync(key, stale, tags, thereCache.Epoch, CancellationToken.None);

        foreach (var client in new[] { here, there })
        {
            await ReadUntilAsync(client, Query, page => page.Results.Single(r => r.Id == john.Id).LastName == "Zzyzx");
        }
    }

    [Fact]
    public async Task Without_its_shared_cache_an_instance_still_answers_and_reports_itself_degraded()
    {
        await data.InsertAsync();
        await using var unreachable = new UnreachableCacheInstance(data.Database);
        var client = await unreachable.CreateUserClientAsync(role: AppRoles.Operator);

        var first = await client.PageAsync("first_name=zoe");
        var again = await client.PageAsync("first_name=zoe");

        Assert.NotEmpty(first.Results);
        Assert.Equal(first.Results, again.Results);
        await HealthAnswer.StartedAsync(unreachable);
        var ready = await HealthAnswer.GetAsync(client, "/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Degraded", ready.Status);
        Assert.Equal("Degraded", ready.Checks["distributed-cache"]);
        Assert.Equal("Healthy", ready.Checks["database"]);
    }

    [Fact]
    public async Task A_reachable_shared_cache_is_listed_healthy_among_the_readiness_checks()
    {
        await HealthAnswer.StartedAsync(data);

        var ready = await HealthAnswer.GetAsync(data.CreateClient(), "/health/ready");

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", ready.Status);
        Assert.Equal("Healthy", ready.Checks["distributed-cache"]);
    }

    /// <summary>A second instance on the fixture's database and Redis, and a signed-in client for each.</summary>
    private async Task<(SecondInstance Other, HttpClient Here, HttpClient There)> TwoInstancesAsync()
    {
        var other = new SecondInstance(data.Database);
        return (other, await data.CreateUserClientAsync(role: AppRoles.Operator), await other.CreateUserClientAsync(role: AppRoles.Operator));
    }

    /// <summary>Invalidation reaches another instance asynchronously: reads until the page shows the change (bounded).</summary>
    private static Task ReadUntilAsync(HttpClient client, string query, Func<CustomerPage, bool> showsChange) =>
        WaitForAsync(async () => showsChange(await client.PageAsync(query)));

    private static Task WaitForAsync(Func<bool> condition) => WaitForAsync(() => Task.FromResult(condition()));

    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "not within 15 s");
            await Task.Delay(50);
        }
    }

    public sealed class SharedCacheDataset : CustomerDataset
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            UseSharedCache(builder, Database);
        }
    }

    private sealed class SecondInstance(TestDatabase database) : TodoDashboardFactory(database)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            UseSharedCache(builder, Database);
        }
    }

    /// <summary>Configured with a Redis that is not there (nothing listens on port 1).</summary>
    private sealed class UnreachableCacheInstance(TestDatabase database) : TodoDashboardFactory(database)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("ConnectionStrings:Redis", "127.0.0.1:1,connectTimeout=500");
        }
    }
}

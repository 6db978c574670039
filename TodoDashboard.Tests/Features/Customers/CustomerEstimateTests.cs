using Microsoft.Extensions.DependencyInjection;
using TodoDashboard.Features.Customers;

namespace TodoDashboard.Tests.Features.Customers;

/// <summary>
/// The planner's estimate of a search's matches is asked once per filter statement and values, then kept: a page the
/// cache does not hold costs its rows' statement alone, until a bulk change drops every estimate.
/// </summary>
public class CustomerEstimateTests(CustomerDataset data) : IClassFixture<CustomerDataset>
{
    [Fact]
    public async Task A_second_page_of_the_same_filters_reuses_the_estimate_and_a_bulk_change_asks_again()
    {
        await data.InsertAsync();
        var client = await data.CreateUserClientAsync();

        // Different page sizes: different pages (neither cached), the same filters and so the same estimate.
        var first = await client.PageAsync("first_name=Anthony&page_size=5");
        var second = await client.PageAsync("first_name=Anthony&page_size=6");
        Assert.False(first.Performance.Cached);
        Assert.False(second.Performance.Cached);
        Assert.Equal(2, first.Performance.QueryCount);
        Assert.Equal(1, second.Performance.QueryCount);
        Assert.Equal(first.EstimatedTotal, second.EstimatedTotal);
        Assert.True(first.EstimatedTotal >= 1);

        // Another value is another estimate (the planner's figure for Zoe is not Anthony's).
        var other = await client.PageAsync("first_name=Zoe&page_size=5");
        Assert.Equal(2, other.Performance.QueryCount);

        // A bulk change (a generation) drops every estimate with every page.
        await data.Services.GetRequiredService<CustomerCache>().InvalidateAsync(null);
        var after = await client.PageAsync("first_name=Anthony&page_size=7");
        Assert.Equal(2, after.Performance.QueryCount);
        Assert.Equal(first.EstimatedTotal, after.EstimatedTotal);
    }
}

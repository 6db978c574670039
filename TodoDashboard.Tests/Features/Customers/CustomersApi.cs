using TodoDashboard.Features.Customers;

namespace TodoDashboard.Tests.Features.Customers;

public static class CustomersApi
{
    public static async Task<CustomerPage> PageAsync(this HttpClient client, string query)
    {
        var response = await client.GetAsync($"/api/customers?{query}");
        Assert.True(response.IsSuccessStatusCode, $"{query}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.ReadAsync<CustomerPage>();
    }

    /// <summary>Follows <c>next</c> from the first page to the last and returns every row in the order read.</summary>
    public static async Task<(List<long> Ids, List<CustomerPage> Pages)> WalkForwardAsync(this HttpClient client, string query, Func<Task>? betweenPages = null)
    {
        var ids = new List<long>();
        var pages = new List<CustomerPage>();
        var page = await client.PageAsync(query);
        while (true)
        {
            pages.Add(page);
            ids.AddRange(page.Results.Select(r => r.Id));
            if (page.Next is null || pages.Count > 200)
            {
                return (ids, pages);
            }

            if (betweenPages is not null)
            {
                await betweenPages();
            }

            page = await client.PageAsync($"{query}&cursor={Uri.EscapeDataString(page.Next)}");
        }
    }
}

using System.Net;
using TodoDashboard.Features.Customers;

namespace TodoDashboard.Tests.Features.Customers;

/// <summary>Every filter, search and sort against the known dataset: exactly the rows, in exactly the order, expected.</summary>
public class CustomersSearchTests(CustomerDataset data) : IClassFixture<CustomerDataset>
{
    public static TheoryData<string, bool> Sorts()
    {
        var data = new TheoryData<string, bool>();
        foreach (var sort in CustomerSortKeys.ApiNames)
        {
            data.Add(sort, false);
            data.Add(sort, true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Sorts))]
    public async Task Walking_next_then_previous_lists_every_customer_once_in_sort_order(string sortBy, bool descending)
    {
        var customers = await data.InsertAsync();
        var client = await data.CreateUserClientAsync();
        var sort = Enum.GetValues<CustomerSort>()[CustomerSortKeys.ApiNames.ToList().IndexOf(sortBy)];
        var query = $"sort_by={sortBy}&ordering={(descending ? "descending" : "ascending")}&page_size=7";

        var (ids, pages) = await client.WalkForwardAsync(query);

        Assert.Equal(CustomerDataset.Order(customers, sort, descending).Select(c => c.Id), ids);
        Assert.Equal(9, pages.Count);
        Assert.Null(pages[0].Previous);
        Assert.Null(pages[^1].Next);

        // Back from the last page: each previous page is the very page we read going forward.
        var page = pages[^1];
        for (var i = pages.Count - 2; i >= 0; i--)
        {
            page = await client.PageAsync($"{query}&cursor={Uri.EscapeDataString(page.Previous!)}");
            Assert.Equal(pages[i].Results.Select(r => r.Id), page.Results.Select(r => r.Id));
        }

        Assert.Null(page.Previous);
    }

    [Fact]
    public async Task Next_then_previous_returns_the_same_page()
    {
        await data.InsertAsync();
        var client = await data.CreateUserClientAsync();
        var first = await client.PageAsync("sort_by=city&page_size=5");
        var second = await client.PageAsync($"sort_by=city&page_size=5&cursor={Uri.EscapeDataString(first.Next!)}");
        var back = await client.PageAsync($"sort_by=city&page_size=5&cursor={Uri.EscapeDataString(second.Previous!)}");

        Assert.Equal(first.Results.Select(r => r.Id), back.Results.Select(r => r.Id));
        Assert.Equal(first.Next, back.Next);
    }

    public static TheoryData<string, Func<Customer, bool>> Filters() => new()
    {
        { "first_name=ANTHONY", c => c.FirstName == "Anthony" },
        { "last_name=Heights", c => c.LastName == "heights" },
        { "customer_id=T00042", c => c.CustomerId == "T00042" },
        { "phone_number=%2B43660000407", c => c.PhoneNumber == "+43660000407" },
        { "gender=non_binary", c => c.Gender == Gender.NonBinary },
        { "gender=female", c => c.Gender == Gender.Female },
        { "country=austria", c => c.Address?.Country == "Austria" },
        { "city=Lyon", c => c.Address?.City == "lyon" },
        { "city_code=1003", c => c.Address?.CityCode == "1003" },
        { "street=nicholas%20heights", c => c.Address?.Street == "Nicholas Heights" },
        { "street_number=7", c => c.Address?.StreetNumber == "7" },
        { "has_address=true", c => c.Address is not null },
        { "has_address=false", c => c.Address is null },
        { "min_points=1000&max_points=1500", c => c.Relationship.Points is >= 1000 and <= 1500 },
        { "birthday_after=1980-01-01&birthday_before=1990-12-31", c => c.Birthday >= new DateOnly(1980, 1, 1) && c.Birthday <= new DateOnly(1990, 12, 31) },
        { "created_after=2024-01-02T00:00:00Z&created_before=2024-01-02T12:00:00Z", c => c.Created >= CustomerDataset.Epoch.AddDays(1) && c.Created <= CustomerDataset.Epoch.AddDays(1.5) },
        { "active_from=2024-01-10&active_before=2024-01-20", c => c.Relationship.LastActivity >= CustomerDataset.Epoch.AddDays(9) && c.Relationship.LastActivity <= CustomerDataset.Epoch.AddDays(19) },
        { "first_name=anthony&has_address=true&country=Austria", c => c.FirstName == "Anthony" && c.Address?.Country == "Austria" },
        { "search=anthony", c => c.FirstName == "Anthony" },
        { "search=Vienna", c => c.Address?.City == "Vienna" },
        { "search=Nicholas%20Heights", c => c.Address?.Street == "Nicholas Heights" || (c.LastName == "heights" && c.Address?.Street.Contains("Nicholas", StringComparison.Ordinal) == true) },
        { "search=heights%20-nicholas", c => (c.LastName == "heights" || c.Address?.Street == "Nicholas Heights") && c.Address?.Street != "Nicholas Heights" },
        { "search=%22oak%20street%22%20or%20zoe", c => c.Address?.Street == "Oak Street" || c.FirstName == "Zoe" },
        { "search=t00017", c => c.CustomerId == "T00017" },
        { "search=T0004", c => c.CustomerId.StartsWith("T0004", StringComparison.Ordinal) },
        { "search=t0001", c => c.CustomerId.StartsWith("T0001", StringComparison.Ordinal) },
        { "search=6600007", c => c.PhoneNumber?.Contains("6600007", StringComparison.Ordinal) == true },
        { "search=%2B43%20660000", c => c.PhoneNumber?.Contains("43660000", StringComparison.Ordinal) == true },
        { "search=1004", c => c.Address?.CityCode == "1004" || c.PhoneNumber?.Contains("1004", StringComparison.Ordinal) == true },
        { "search=5", c => c.Address?.StreetNumber == "5" },
    };

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task Each_filter_and_search_returns_exactly_the_matching_customers(string filter, Func<Customer, bool> matches)
    {
        var customers = await data.InsertAsync();
        var client = await data.CreateUserClientAsync();

        var (ids, _) = await client.WalkForwardAsync($"{filter}&page_size=100");

        var expected = CustomerDataset.Order(customers.Where(matches), CustomerSort.Created, false).Select(c => c.Id).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, ids);
    }

    [Fact]
    public async Task A_filtered_listing_pages_by_cursor_in_the_requested_order()
    {
        var customers = await data.InsertAsync();
        var client = await data.CreateUserClientAsync();

        var (ids, pages) = await client.WalkForwardAsync("has_address=true&sort_by=points&ordering=descending&page_size=4");

        Assert.Equal(CustomerDataset.Order(customers.Where(c => c.Address is not null), CustomerSort.Points, true).Select(c => c.Id), ids);
        Assert.Equal(5, pages.Count);
    }

    [Fact]
    public async Task A_page_returns_the_customer_with_address_relationship_timing_and_an_estimated_total()
    {
        var customers = await data.InsertAsync();
        var client = await data.CreateUserClientAsync();
        var expected = customers.Single(c => c.CustomerId == "T00042");

        var response = await client.GetAsync("/api/customers?customer_id=T00042");
        var page = await response.ReadAsync<CustomerPage>();

        var customer = Assert.Single(page.Results);
        Assert.Equal(CustomerResponse.From(expected), customer with { Created = expected.Created, LastUpdated = expected.LastUpdated });
        Assert.Equal("Nicholas Heights", customer.Address!.Street);
        Assert.True(page.TotalIsEstimate);
        Assert.True(page.EstimatedTotal >= 1);
        Assert.True(page.Performance.ElapsedMs > 0);
        Assert.True(page.Performance.Cached || page.Performance.QueryCount >= 1);
        Assert.StartsWith("app;dur=", response.Headers.GetValues("Server-Timing").Single(), StringComparison.Ordinal);
        Assert.Contains("\"gender\":\"female\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_query_twice_is_answered_from_the_cache()
    {
        await data.InsertAsync();
        var client = await data.CreateUserClientAsync();

        var first = await client.PageAsync("first_name=zoe&sort_by=last_name");
        var second = await client.PageAsync("first_name=zoe&sort_by=last_name");

        Assert.Equal(first.Results, second.Results);
        Assert.True(second.Performance.Cached);
        Assert.Equal(0, second.Performance.QueryCount);
    }

    [Fact]
    public async Task The_naive_listing_filters_searches_and_counts_exactly_with_offset_pages()
    {
        var customers = await data.InsertAsync();
        var client = await data.CreateUserClientAsync();

        var page2 = await (await client.GetAsync("/api/customers/naive?search=HEIGHTS&page_size=5&page=2&sort_by=customer_id")).ReadAsync<NaiveCustomerPage>();
        var byName = await (await client.GetAsync("/api/customers/naive?first_name=Anthony&page_size=100")).ReadAsync<NaiveCustomerPage>();

        var heights = customers.Where(c => c.LastName == "heights" || c.Address?.Street == "Nicholas Heights").OrderBy(c => c.CustomerId, StringComparer.Ordinal).ToList();
        Assert.Equal(heights.Count, page2.Count);
        Assert.Equal(heights.Skip(5).Take(5).Select(c => c.Id), page2.Results.Select(r => r.Id));
        Assert.Equal(CustomerDataset.Order(customers.Where(c => c.FirstName == "Anthony"), CustomerSort.Created, false).Select(c => c.Id), byName.Results.Select(r => r.Id));
        Assert.Equal(10, byName.Count);
    }

    [Theory]
    [InlineData("page_size=0", "page_size")]
    [InlineData("page_size=101", "page_size")]
    [InlineData("page_size=ten", "page_size")]
    [InlineData("sort_by=shoe_size", "sort_by")]
    [InlineData("ordering=sideways", "ordering")]
    [InlineData("gender=robot", "gender")]
    [InlineData("min_points=lots", "min_points")]
    [InlineData("min_points=10&max_points=5", "min_points")]
    [InlineData("has_address=maybe", "has_address")]
    [InlineData("birthday_after=31.12.1990", "birthday_after")]
    [InlineData("created_before=yesterday", "created_before")]
    [InlineData("active_from=2024-13-01", "active_from")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    public async Task Bad_parameters_answer_400_naming_the_parameter(string query, string field)
    {
        var client = await data.CreateUserClientAsync();
        foreach (var path in new[] { "/api/customers", "/api/customers/naive" })
        {
            var response = await client.GetAsync($"{path}?{query}");

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.ReadAsync<Microsoft.AspNetCore.Http.HttpValidationProblemDetails>();
            Assert.Contains(field, problem.Errors.Keys);
        }
    }

    [Fact]
    public async Task A_cursor_cannot_be_replayed_against_another_sort()
    {
        await data.InsertAsync();
        var client = await data.CreateUserClientAsync();
        var page = await client.PageAsync("sort_by=points&page_size=5");

        var response = await client.GetAsync($"/api/customers?sort_by=city&cursor={Uri.EscapeDataString(page.Next!)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("cursor", (await response.ReadAsync<Microsoft.AspNetCore.Http.HttpValidationProblemDetails>()).Errors.Keys);
    }

    [Fact]
    public async Task Customers_need_a_signed_in_user()
    {
        var anonymous = data.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/customers")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/customers/naive")).StatusCode);
    }
}

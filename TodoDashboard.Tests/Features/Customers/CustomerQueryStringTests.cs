using Microsoft.AspNetCore.WebUtilities;
using Microsoft.AspNetCore.Http;
using TodoDashboard.Features.Customers;

namespace TodoDashboard.Tests.Features.Customers;

/// <summary>A query written as a query string reads back as the same query: the export link asks for what the grid shows.</summary>
[Trait("Category", "Unit")]
public class CustomerQueryStringTests
{
    [Fact]
    public void Every_filter_and_the_sort_survive_a_round_trip_through_the_parser()
    {
        var query = new CustomerQuery
        {
            Search = "maria \"oak street\" -vienna", FirstName = "Zoë & Co", LastName = "O'Neil", CustomerId = "C0001", PhoneNumber = "+4366012",
            Gender = Gender.NonBinary, Country = "Austria", City = "Wien?", CityCode = "1010", Street = "Ring=1", StreetNumber = "3a",
            HasAddress = false, MinPoints = -5, MaxPoints = 900, BirthdayAfter = new DateOnly(1960, 2, 29), BirthdayBefore = new DateOnly(2000, 1, 1),
            CreatedAfter = new DateTime(2024, 1, 2, 3, 4, 5, 600, DateTimeKind.Utc), CreatedBefore = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            ActiveFrom = new DateTime(2024, 6, 1, 12, 0, 0, DateTimeKind.Utc), ActiveBefore = new DateTime(2024, 7, 1, 0, 0, 0, DateTimeKind.Utc),
            SortBy = CustomerSort.LastActivity, Descending = true,
        };

        var parsed = Parse(CustomerQueryString.Format(query));

        Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors.SelectMany(e => e.Value)));
        Assert.Equal(query, parsed.Query);
    }

    [Fact]
    public void An_empty_query_writes_only_its_sort()
    {
        Assert.Equal("?sort_by=created&ordering=ascending", CustomerQueryString.Format(new CustomerQuery()));
        Assert.Equal(new CustomerQuery(), Parse(CustomerQueryString.Format(new CustomerQuery())).Query);
    }

    [Theory]
    [InlineData(CustomerSort.Created, true, 10)]
    [InlineData(CustomerSort.City, false, 100)]
    [InlineData(CustomerSort.Points, true, 1)]
    public void A_pages_address_reads_back_as_the_same_query_page_size_and_cursor(CustomerSort sort, bool descending, int pageSize)
    {
        var query = new CustomerQuery { Search = "smith -john", City = "Vienna", Gender = Gender.Female, MinPoints = 10, SortBy = sort, Descending = descending, PageSize = pageSize };
        var value = CustomerSortKeys.For(sort).Type switch
        {
            SortKeyType.Text => "vienna",
            SortKeyType.Number => "120",
            _ => new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc).Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var cursor = new CustomerCursor(sort, descending, Backward: true, value, 42).Encode();

        var parsed = Parse(CustomerQueryString.FormatPage(query, cursor));

        Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors.SelectMany(e => e.Value)));
        Assert.Equal(query, parsed.Query);
        Assert.Equal(cursor, parsed.Cursor?.Encode());
    }

    [Fact]
    public void The_first_pages_address_has_its_page_size_and_no_cursor_and_the_export_link_has_neither()
    {
        var query = new CustomerQuery { Search = "maria", PageSize = 50 };

        Assert.Equal("?search=maria&sort_by=created&ordering=ascending&page_size=50", CustomerQueryString.FormatPage(query, cursor: null));
        Assert.Equal("?search=maria&sort_by=created&ordering=ascending", CustomerQueryString.Format(query));
        Assert.Null(Parse(CustomerQueryString.FormatPage(query, cursor: null)).Cursor);
    }

    private static CustomerQueryParser Parse(string queryString) =>
        CustomerQueryParser.Parse(new QueryCollection(QueryHelpers.ParseQuery(queryString)));
}

using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using TodoDashboard.Features.Customers;

namespace TodoDashboard.Tests.Features.Customers;

/// <summary>The listing's snake_case parameters read into a query, with one message per bad parameter under its name.</summary>
[Trait("Category", "Unit")]
public class CustomerQueryParserTests
{
    [Fact]
    public void No_parameters_read_as_the_first_page_of_twenty_by_creation()
    {
        var parsed = Parse("");

        Assert.True(parsed.IsValid);
        Assert.Equal(new CustomerQuery { SortBy = CustomerSort.Created, Descending = false, PageSize = 20 }, parsed.Query);
        Assert.Equal(1, parsed.Page);
        Assert.Null(parsed.Cursor);
    }

    [Fact]
    public void Every_filter_is_read_into_its_field_with_text_trimmed_and_blanks_left_out()
    {
        var query = Parse(
            "search=%20nicholas%20heights%20&first_name=Ada&last_name=%20%20&customer_id=C000000001&phone_number=123&gender=NON_BINARY"
            + "&country=Norway&city=Oslo&city_code=0150&street=Main&street_number=12a&has_address=yes&min_points=-5&max_points=10"
            + "&birthday_after=1990-01-31&birthday_before=2000-02-29&sort_by=Last_Activity&ordering=DESC&page_size=100").Query;

        Assert.Equal(
            new CustomerQuery
            {
                Search = "nicholas heights", FirstName = "Ada", CustomerId = "C000000001", PhoneNumber = "123", Gender = Gender.NonBinary,
                Country = "Norway", City = "Oslo", CityCode = "0150", Street = "Main", StreetNumber = "12a", HasAddress = true,
                MinPoints = -5, MaxPoints = 10, BirthdayAfter = new DateOnly(1990, 1, 31), BirthdayBefore = new DateOnly(2000, 2, 29),
                SortBy = CustomerSort.LastActivity, Descending = true, PageSize = 100,
            },
            query);
    }

    [Theory]
    [InlineData("2026-12-02", "2026-12-02T00:00:00Z")]
    [InlineData("2026-12-02T10:30:00", "2026-12-02T10:30:00Z")]
    [InlineData("2026-12-02T10:30:00%2B02:00", "2026-12-02T08:30:00Z")]
    [InlineData("2026-12-02T00:30:00-01:00", "2026-12-02T01:30:00Z")]
    public void Times_are_read_as_UTC_a_date_alone_at_midnight_and_an_offset_applied(string text, string utc)
    {
        var query = Parse($"created_after={text}&created_before={text}&active_from={text}&active_before={text}").Query;
        var expected = DateTime.Parse(utc, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);

        Assert.All([query.CreatedAfter, query.CreatedBefore, query.ActiveFrom, query.ActiveBefore], at =>
        {
            Assert.Equal(expected, at);
            Assert.Equal(DateTimeKind.Utc, at!.Value.Kind);
        });
    }

    [Theory]
    [InlineData("page_size=0", "page_size", "'page_size' must be between 1 and 100.")]
    [InlineData("page_size=101", "page_size", "'page_size' must be between 1 and 100.")]
    [InlineData("page_size=ten", "page_size", "'ten' is not valid for 'page_size': expected a whole number.")]
    [InlineData("page_size=2147483648", "page_size", "'2147483648' is not valid for 'page_size': expected a whole number.")]
    [InlineData("min_points=1.5", "min_points", "'1.5' is not valid for 'min_points': expected a whole number.")]
    [InlineData("min_points=11&max_points=10", "min_points", "'min_points' cannot be above 'max_points'.")]
    [InlineData("has_address=maybe", "has_address", "'maybe' is not valid for 'has_address': expected true or false.")]
    [InlineData("birthday_after=2001-02-29", "birthday_after", "'2001-02-29' is not valid for 'birthday_after': expected a date (yyyy-MM-dd).")]
    [InlineData("birthday_before=02/12/2026", "birthday_before", "'02/12/2026' is not valid for 'birthday_before': expected a date (yyyy-MM-dd).")]
    [InlineData("created_after=yesterday", "created_after", "'yesterday' is not valid for 'created_after': expected a date or an ISO 8601 date and time.")]
    [InlineData("gender=other", "gender", "'gender' must be one of: undefined, male, female, non_binary.")]
    [InlineData("sort_by=fullname", "sort_by", "'sort_by' must be one of: created, full_name, first_name, last_name, customer_id, city, country, points, last_activity, last_updated.")]
    [InlineData("ordering=up", "ordering", "'ordering' must be one of: ascending, descending.")]
    [InlineData("page=0", "page", "'page' must be between 1 and 100000.")]
    [InlineData("cursor=bm90IG91cnM", "cursor", "'cursor' is not a cursor this API gave out.")]
    public void A_bad_parameter_is_named_with_what_it_expects(string query, string field, string message)
    {
        var parsed = Parse(query);

        Assert.False(parsed.IsValid);
        Assert.Equal(new Dictionary<string, string[]> { [field] = [message] }, parsed.Errors);
    }

    [Fact]
    public void Each_bad_parameter_gets_its_own_message_and_the_good_ones_are_still_read()
    {
        var parsed = Parse("page_size=0&gender=x&ordering=sideways&city=Oslo");

        Assert.Equal(["gender", "ordering", "page_size"], parsed.Errors.Keys.Order());
        Assert.Equal("Oslo", parsed.Query.City);
    }

    [Theory]
    [InlineData("min_points=10&max_points=10")]
    [InlineData("page_size=1&page=100000")]
    [InlineData("has_address=0&ordering=asc")]
    [InlineData("has_address=TRUE&ordering=Ascending")]
    public void Values_at_their_bounds_are_accepted(string query) => Assert.True(Parse(query).IsValid, string.Join("; ", Parse(query).Errors.Keys));

    [Fact]
    public void A_cursor_is_accepted_only_with_the_sort_and_ordering_of_the_page_it_came_from()
    {
        var cursor = new CustomerCursor(CustomerSort.City, Descending: true, Backward: false, "oslo", 12).Encode();

        Assert.Equal(new CustomerCursor(CustomerSort.City, true, false, "oslo", 12), Parse($"sort_by=city&ordering=descending&cursor={cursor}").Cursor);
        Assert.Equal(
            ["'cursor' belongs to another sort: pass the same sort_by and ordering as the page it came from."],
            Parse($"sort_by=city&cursor={cursor}").Errors["cursor"]);
        Assert.False(Parse($"sort_by=country&ordering=descending&cursor={cursor}").IsValid);
    }

    [Fact]
    public void Every_parameter_it_documents_is_one_it_reads()
    {
        var every = string.Join('&', CustomerQueryParser.Parameters.Select(p => $"{p}=%00"));

        Assert.Equal(CustomerQueryParser.Parameters.Order(), Parse(every).Errors.Keys.Order());
    }

    private static CustomerQueryParser Parse(string query) => CustomerQueryParser.Parse(new QueryCollection(QueryHelpers.ParseQuery(query)));
}

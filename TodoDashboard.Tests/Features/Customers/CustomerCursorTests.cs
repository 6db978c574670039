using System.Buffers.Text;
using System.Globalization;
using System.Text;
using TodoDashboard.Features.Customers;

namespace TodoDashboard.Tests.Features.Customers;

/// <summary>The listing's keyset cursor: what survives the trip to a client and back, and what is refused as not ours.</summary>
[Trait("Category", "Unit")]
public class CustomerCursorTests
{
    public static TheoryData<CustomerCursor> Cursors { get; } =
    [
        new(CustomerSort.Created, false, false, DateTime.MaxValue.Ticks.ToString(CultureInfo.InvariantCulture), 1),
        new(CustomerSort.Created, true, true, "0", long.MaxValue),
        new(CustomerSort.Points, false, true, int.MinValue.ToString(CultureInfo.InvariantCulture), 42),
        new(CustomerSort.FullName, true, false, "zoë o'brien 😀", -1),
        new(CustomerSort.City, false, false, null, 7),
        new(CustomerSort.CustomerId, true, false, "C000000001", 0),
        new(CustomerSort.LastActivity, true, true, null, long.MinValue),
    ];

    [Theory]
    [MemberData(nameof(Cursors))]
    public void A_cursor_comes_back_exactly_as_it_was_encoded_in_url_safe_text(CustomerCursor cursor)
    {
        var text = cursor.Encode();

        Assert.True(CustomerCursor.TryDecode(text, out var decoded));
        Assert.Equal(cursor, decoded);
        Assert.Matches("^[A-Za-z0-9_-]+$", text);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not a cursor!")]
    [InlineData("bnVsbA")]
    public void Text_that_is_not_a_cursor_is_refused_without_an_exception(string? text)
    {
        Assert.False(CustomerCursor.TryDecode(text, out var cursor));
        Assert.Null(cursor);
    }

    [Theory]
    [InlineData("""{"S":99,"D":0,"B":0,"V":null,"I":1}""")]
    [InlineData("""{"S":-1,"D":0,"B":0,"V":null,"I":1}""")]
    [InlineData("""{"S":0,"D":2,"B":0,"V":null,"I":1}""")]
    [InlineData("""{"S":0,"D":0,"B":-1,"V":null,"I":1}""")]
    [InlineData("""{"S":7,"D":0,"B":0,"V":"ten","I":1}""")]
    [InlineData("""{"S":7,"D":0,"B":0,"V":"2147483648","I":1}""")]
    [InlineData("""{"S":0,"D":0,"B":0,"V":"-1","I":1}""")]
    [InlineData("""{"S":0,"D":0,"B":0,"V":"3155378976000000000","I":1}""")]
    [InlineData("""{"S":0,"D":0,"B":0,"V":"1","I":"one"}""")]
    [InlineData("""{"S":0,"D":0,"B":0,"V":"1","I":9223372036854775808}""")]
    [InlineData("""[0,0,0,null,1]""")]
    public void A_forged_cursor_naming_no_sort_or_a_value_its_key_cannot_hold_is_refused(string json) =>
        Assert.False(CustomerCursor.TryDecode(Forge(json), out _));

    [Fact]
    public void A_cursor_longer_than_any_the_listing_gives_out_is_refused_unread()
    {
        var longest = new CustomerCursor(CustomerSort.FirstName, false, false, new string('a', 700), 1).Encode();
        var tooLong = new CustomerCursor(CustomerSort.FirstName, false, false, new string('a', 800), 1).Encode();

        Assert.True(CustomerCursor.TryDecode(longest, out _));
        Assert.True(tooLong.Length > 1024);
        Assert.False(CustomerCursor.TryDecode(tooLong, out _));
    }

    [Fact]
    public void A_sort_keys_values_travel_as_text_and_come_back_as_the_databases_own()
    {
        var updated = CustomerSortKeys.For(CustomerSort.LastUpdated);
        var points = CustomerSortKeys.For(CustomerSort.Points);
        var at = new DateTime(2026, 12, 2, 6, 30, 15, DateTimeKind.Utc).AddTicks(1234567);

        var text = updated.FromDatabase(at);

        Assert.Equal(at, updated.ToParameter(text));
        Assert.Equal(DateTimeKind.Utc, ((DateTime)updated.ToParameter(text)).Kind);
        Assert.Equal("-17", points.FromDatabase(-17));
        Assert.Equal(-17, points.ToParameter("-17"));
        Assert.Equal("smith", CustomerSortKeys.For(CustomerSort.LastName).ToParameter("smith"));
    }

    [Fact]
    public void Every_sort_has_a_key_named_in_the_apis_snake_case_and_only_customer_id_orders_alone()
    {
        Assert.Equal(
            ["created", "full_name", "first_name", "last_name", "customer_id", "city", "country", "points", "last_activity", "last_updated"],
            CustomerSortKeys.ApiNames);
        Assert.Equal([CustomerSort.CustomerId], Enum.GetValues<CustomerSort>().Where(s => CustomerSortKeys.For(s).Unique));
        Assert.Equal(
            [CustomerSort.City, CustomerSort.Country, CustomerSort.LastActivity],
            Enum.GetValues<CustomerSort>().Where(s => CustomerSortKeys.For(s).Nullable));
    }

    private static string Forge(string json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));
}

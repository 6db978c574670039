using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using TodoDashboard.Features.Customers;
using TodoDashboard.Features.MultiDatabase;
using TodoDashboard.Features.Todos;
using TodoDashboard.Infrastructure.Validation;

namespace TodoDashboard.Tests.Infrastructure.Validation;

/// <summary>The input policy itself, and the pieces that apply it, without a server or a database.</summary>
[Trait("Category", "Unit")]
public class InputPolicyTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new PolicyStringConverter() } };

    [Theory]
    [InlineData("")]
    [InlineData("plain text")]
    [InlineData("Grüße, Ærøskøbing")]
    [InlineData("emoji 😀 pair")]
    [InlineData("replacement \uFFFD is text")]
    [InlineData("\uFFFD\uFFFC")]
    public void Text_of_valid_Unicode_without_NUL_is_accepted(string value) => Assert.Null(InputPolicy.Refusal(value));

    // Escaped (\\uD800), as xUnit's serialization of theory data would replace a lone surrogate with U+FFFD.
    [Theory]
    [InlineData(@"a\u0000b", "NUL")]
    [InlineData(@"\u0000", "NUL")]
    [InlineData(@"lone high \uD800 surrogate", "unpaired surrogate (U+D800)")]
    [InlineData(@"lone low \uDC00 surrogate", "unpaired surrogate (U+DC00)")]
    [InlineData(@"ends on a high surrogate \uD83D", "unpaired surrogate (U+D83D)")]
    [InlineData(@"reversed pair \uDE00\uD83D", "unpaired surrogate (U+DE00)")]
    [InlineData(@"x\uFFFE", "noncharacter U+FFFE")]
    [InlineData(@"x\uFFFF", "noncharacter U+FFFF")]
    public void NUL_lone_surrogates_and_noncharacters_are_refused_saying_which(string escaped, string reason) =>
        Assert.Contains(reason, InputPolicy.Refusal(Regex.Unescape(escaped)));

    [Fact]
    public void Lengths_count_code_points_as_varchar_does()
    {
        Assert.Equal(3, InputPolicy.Length("abc"));
        Assert.Equal(2, InputPolicy.Length("😀😀"));
        Assert.Null(InputPolicy.Check("title", string.Concat(Enumerable.Repeat("😀", 255)), 255));
        Assert.Equal("'title' is at most 255 characters.", InputPolicy.Check("title", new string('x', 256), 255));
        Assert.Equal("'title' contains a NUL character (U+0000), which text cannot hold.", InputPolicy.Check("title", "a\0", 255));
        Assert.Null(InputPolicy.Check("title", null, 1));
    }

    [Theory]
    [InlineData("""{"title":"a\u0000b"}""", "$.title", "NUL")]
    [InlineData("""{"title":"a\ud800b"}""", "$.title", "not valid Unicode")]
    [InlineData("""{"title":"a\uDC00"}""", "$.title", "not valid Unicode")]
    [InlineData("""{"title":"a\uFFFE"}""", "$.title", "noncharacter U+FFFE")]
    public void The_JSON_converter_refuses_a_string_and_the_path_names_its_field(string body, string path, string reason)
    {
        var refused = Assert.Throws<InputRefusedException>(() => JsonSerializer.Deserialize<SaveTodoRequest>(body, Json));

        Assert.Equal(path, refused.Path);
        Assert.Contains(reason, refused.Reason);
    }

    [Fact]
    public void The_JSON_converter_names_a_row_inside_a_list()
    {
        var refused = Assert.Throws<InputRefusedException>(() =>
            JsonSerializer.Deserialize<MultiDbBatch>("""{"users":[{"name":"ok","email":"a@b.cd"},{"name":"x\u0000"}]}""", Json));

        Assert.Equal("$.users[1].name", refused.Path);
    }

    [Fact]
    public void Invalid_UTF8_bytes_are_refused_as_not_Unicode_text()
    {
        byte[] body = [.. """{"title":"a"""u8, 0xED, 0xA0, 0x80, .. "\"}"u8];

        var refused = Assert.Throws<InputRefusedException>(() => JsonSerializer.Deserialize<SaveTodoRequest>(body, Json));

        Assert.Equal("$.title", refused.Path);
    }

    [Fact]
    public void Valid_strings_and_nulls_read_as_they_are()
    {
        var request = JsonSerializer.Deserialize<PatchTodoRequest>("""{"title":"Tea 🍵","description":null}""", Json)!;

        Assert.Equal(("Tea 🍵", null), (request.Title, request.Description));
        Assert.Equal("""{"t":"Tea \uD83C\uDF75"}""", JsonSerializer.Serialize(new { t = "Tea 🍵" }, Json));
    }

    [Theory]
    [InlineData("$.title", typeof(string))]
    [InlineData("$.isCompleted", typeof(bool))]
    [InlineData("$.users[3].name", typeof(string))]
    [InlineData("$.orders[0].quantity", typeof(int?))]
    [InlineData("$['products'][2].price", typeof(decimal?))]
    [InlineData("$.address.city", typeof(string))]
    [InlineData("$.nothing", null)]
    public void A_JSON_path_leads_to_the_type_of_its_field(string path, Type? expected)
    {
        var root = path.Contains("address", StringComparison.Ordinal) ? typeof(CustomerRequest)
            : path.Contains("title", StringComparison.Ordinal) || path.Contains("isCompleted", StringComparison.Ordinal) ? typeof(SaveTodoRequest)
            : typeof(MultiDbBatch);

        Assert.Equal(expected, JsonPath.TypeAt(Json, root, path));
    }

    [Fact]
    public void Expectations_name_an_enums_values_and_an_ints_range()
    {
        Assert.Equal("one of: all, active, completed", ValueExpectations.Describe(typeof(EnumChoice<TodoFilter>?)));
        Assert.Equal("one of: sequential, parallel, single", ValueExpectations.Describe(typeof(StatsMode)));
        Assert.Equal("a whole number from -2147483648 to 2147483647", ValueExpectations.Describe(typeof(int?)));
    }

    [Theory]
    [InlineData(@"a\u0000b")]
    [InlineData(@"x\uFFFE")]
    [InlineData(@"\uD800")]
    public void Stored_text_refuses_what_the_policy_refuses_on_a_form_too(string escaped)
    {
        var errors = RequestValidation.Errors(new SaveTodoRequest { Title = Regex.Unescape(escaped) });

        Assert.Contains(nameof(SaveTodoRequest.Title), errors.Keys);
    }

    [Fact]
    public void Stored_text_counts_code_points_not_UTF16_units()
    {
        Assert.Empty(RequestValidation.Errors(new SaveTodoRequest { Title = string.Concat(Enumerable.Repeat("😀", Todo.TitleMaxLength)) }));
        Assert.Contains(nameof(SaveTodoRequest.Title), RequestValidation.Errors(new SaveTodoRequest { Title = new string('x', Todo.TitleMaxLength + 1) }).Keys);
    }

    [Theory]
    [InlineData("search=a%00b", "search")]
    [InlineData("first_name=%EF%BF%BE", "first_name")]
    [InlineData("city=x%00", "city")]
    [InlineData("cursor=ab%00", "cursor")]
    [InlineData("page=1073741824", "page")]
    [InlineData("page=100001", "page")]
    public void The_customer_query_parser_refuses_through_the_same_policy(string query, string field)
    {
        var parsed = CustomerQueryParser.Parse(new QueryCollection(QueryHelpers.ParseQuery(query)));

        Assert.Contains(field, parsed.Errors.Keys);
    }

    [Fact]
    public void The_customer_query_parser_counts_filter_lengths_in_code_points()
    {
        var emoji = string.Concat(Enumerable.Repeat("😀", CustomerQueryParser.TextMaxLength));

        Assert.True(CustomerQueryParser.Parse(new QueryCollection(QueryHelpers.ParseQuery($"city={Uri.EscapeDataString(emoji)}"))).IsValid);
        Assert.Contains("city", CustomerQueryParser.Parse(new QueryCollection(QueryHelpers.ParseQuery($"city={new string('x', 257)}"))).Errors.Keys);
    }

    [Fact]
    public void A_cursor_carrying_a_NUL_in_its_value_is_not_a_cursor()
    {
        var forged = new CustomerCursor(CustomerSort.FirstName, false, false, "a\0b", 1).Encode();

        Assert.False(CustomerCursor.TryDecode(forged, out _));
    }

    [Fact]
    public void A_null_row_in_a_batch_is_named_and_nothing_else_is_checked()
    {
        var batch = new MultiDbBatch { Users = [null!, new UserRow(1, "A", "a@b.cd")], Orders = [null!] };

        var results = batch.Validate(new ValidationContext(batch)).ToList();

        Assert.Equal(["Users[0]", "Orders[0]"], results.SelectMany(r => r.MemberNames));
    }
}

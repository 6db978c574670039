using TodoDashboard.Infrastructure.Csv;

namespace TodoDashboard.Tests.Infrastructure.Csv;

/// <summary>RFC 4180 fields and lines, and the formula protection of OWASP's CSV injection advice.</summary>
[Trait("Category", "Unit")]
public class CsvWriterTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("two words", "two words")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("line\nbreak", "\"line\nbreak\"")]
    [InlineData("carriage\rreturn", "\"carriage\rreturn\"")]
    [InlineData("", "")]
    [InlineData(null, "")]
    [InlineData("Zoë 東京", "Zoë 東京")]
    public void A_field_is_quoted_only_when_it_holds_a_comma_quote_or_line_break(string? value, string expected) =>
        Assert.Equal(expected, CsvWriter.Field(value));

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+4366012345", "'+4366012345")]
    [InlineData("-2", "'-2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\rx", "\"'\rx\"")]
    [InlineData("=HYPERLINK(\"x\",\"y\")", "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"")]
    [InlineData("a=b", "a=b")]
    [InlineData("'already", "'already")]
    public void A_field_starting_like_a_formula_gets_a_leading_apostrophe(string value, string expected) =>
        Assert.Equal(expected, CsvWriter.Field(value));

    [Fact]
    public async Task Rows_end_in_crlf_with_empty_fields_kept_in_place()
    {
        var text = new StringWriter();
        var csv = new CsvWriter(text);

        await csv.WriteRowAsync(["id", "name", "city"]);
        await csv.WriteRowAsync([null, "a,b", ""]);
        await csv.WriteRowAsync(["", "", null]);

        Assert.Equal("id,name,city\r\n,\"a,b\",\r\n,,\r\n", text.ToString());
    }
}

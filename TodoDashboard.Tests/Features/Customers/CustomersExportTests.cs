using System.Net;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TodoDashboard.Data;
using TodoDashboard.Features.Customers;

namespace TodoDashboard.Tests.Features.Customers;

/// <summary>
/// GET /api/customers/export against the known dataset, read in keyset pages of 7 rows so every export below spans pages:
/// the listing's rows in the listing's order, RFC 4180 quoting, formula protection, the listing's 400s.
/// </summary>
public class CustomersExportTests(CustomersExportTests.ExportDataset data) : IClassFixture<CustomersExportTests.ExportDataset>
{
    private const string Header =
        "id,customer_id,first_name,last_name,gender,phone_number,birthday,created,last_updated,street,street_number,city_code,city,"
        + "country,points,relationship_created,last_activity";

    [Theory]
    [InlineData("sort_by=created")]
    [InlineData("sort_by=city&ordering=descending")]
    [InlineData("sort_by=last_activity&gender=female")]
    [InlineData("country=austria&sort_by=points&ordering=descending")]
    [InlineData("search=smith&sort_by=full_name")]
    public async Task An_export_has_the_listings_rows_in_the_listings_order(string query)
    {
        await data.InsertAsync();
        var client = await data.CreateUserClientAsync();
        var (_, pages) = await client.WalkForwardAsync($"{query}&page_size=5");
        var listed = pages.SelectMany(p => p.Results).ToList();

        var rows = await ExportAsync(client, query);

        Assert.Equal(Header, string.Join(',', rows[0]));
        Assert.True(listed.Count > 7, $"{query}: {listed.Count} rows is not more than one export page");
        Assert.Equal(listed.Select(c => c.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), rows.Skip(1).Select(r => r[0]));
        Assert.Equal(listed.Select(c => c.CustomerId), rows.Skip(1).Select(r => r[1]));
        Assert.Equal(listed.Select(c => c.Address?.City ?? ""), rows.Skip(1).Select(r => r[12]));
    }

    [Fact]
    public async Task The_answer_is_a_utf8_csv_attachment_with_crlf_line_ends()
    {
        await data.InsertAsync();
        var client = await data.CreateUserClientAsync();

        var response = await client.GetAsync("/api/customers/export?has_address=true&sort_by=customer_id");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Equal("attachment; filename=customers.csv", response.Content.Headers.ContentDisposition!.ToString());
        Assert.StartsWith(Header + "\r\n", body, StringComparison.Ordinal);
        Assert.EndsWith("\r\n", body, StringComparison.Ordinal);
        Assert.Equal(21, body.Split("\r\n").Length - 1);
        Assert.DoesNotContain('\n', body.Replace("\r\n", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Fields_with_commas_quotes_and_line_breaks_are_quoted_and_formulas_are_defused()
    {
        await data.InsertAsync();
        await using (var scope = data.Services.CreateAsyncScope())
        await using (var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
        {
            var tricky = CustomerDataset.Make(1);
            tricky.CustomerId = "X00001";
            tricky.FirstName = "Ann, \"the\"\nsecond";
            tricky.LastName = "=HYPERLINK(\"http://x\")";
            tricky.PhoneNumber = "+4366012345";
            db.Set<Customer>().Add(tricky);
            await db.SaveChangesAsync();
        }

        var client = await data.CreateUserClientAsync();
        var body = await (await client.GetAsync("/api/customers/export?customer_id=X00001")).Content.ReadAsStringAsync();

        Assert.Contains(",X00001,\"Ann, \"\"the\"\"\nsecond\",\"'=HYPERLINK(\"\"http://x\"\")\",", body, StringComparison.Ordinal);
        Assert.Contains(",'+4366012345,", body, StringComparison.Ordinal);
        var row = ReadCsv(body)[1];
        Assert.Equal("Ann, \"the\"\nsecond", row[2]);
        Assert.Equal("'=HYPERLINK(\"http://x\")", row[3]);
    }

    [Theory]
    [InlineData("min_points=many", "min_points")]
    [InlineData("sort_by=shoe_size", "sort_by")]
    [InlineData("ordering=sideways", "ordering")]
    [InlineData("birthday_after=yesterday", "birthday_after")]
    public async Task A_bad_parameter_answers_the_listings_problem(string query, string field)
    {
        var client = await data.CreateUserClientAsync();

        var export = await client.GetAsync($"/api/customers/export?{query}");
        var listing = await client.GetAsync($"/api/customers?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, export.StatusCode);
        Assert.Equal("application/problem+json", export.Content.Headers.ContentType!.MediaType);
        var problem = await export.ReadAsync<HttpValidationProblemDetails>();
        Assert.Equal([field], problem.Errors.Keys);
        Assert.Equal((await listing.ReadAsync<HttpValidationProblemDetails>()).Errors[field], problem.Errors[field]);
    }

    private static async Task<List<string[]>> ExportAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync($"/api/customers/export?{query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return ReadCsv(await response.Content.ReadAsStringAsync());
    }

    /// <summary>A strict RFC 4180 reader: CRLF between records, quoted fields may hold anything.</summary>
    private static List<string[]> ReadCsv(string text)
    {
        var rows = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                rows.Add([.. fields]);
                fields.Clear();
                i++;
            }
            else
            {
                field.Append(c);
            }
        }

        Assert.Equal(0, field.Length + fields.Count);
        return rows;
    }

    public sealed class ExportDataset : CustomerDataset
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Customers:ExportPageSize", "7");
        }
    }
}

using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using TodoDashboard.Infrastructure.Csv;

namespace TodoDashboard.Features.Customers;

public static partial class CustomersEndpoints
{
    private static readonly string[] ExportHeader =
    [
        "id", "customer_id", "first_name", "last_name", "gender", "phone_number", "birthday", "created", "last_updated",
        "street", "street_number", "city_code", "city", "country", "points", "relationship_created", "last_activity",
    ];

    /// <summary>
    /// The whole result of a listing's filters and sort as CSV, read by keyset and written as it is read. It takes the
    /// listing's parameters and checks them the same way; <c>page_size</c> and <c>cursor</c> do not limit it.
    /// </summary>
    public static Results<PushStreamHttpResult, ValidationProblem> ExportCustomers(
        HttpRequest request, CustomerSearch search, IOptions<CustomerExportOptions> options, CancellationToken ct)
    {
        var parsed = CustomerQueryParser.Parse(request.Query);
        return parsed.IsValid
            ? CsvResults.Attachment(request.HttpContext.Response, "customers.csv", ExportHeader,
                search.ReadAllAsync(parsed.Query, options.Value.ExportPageSize, ct), ExportFields, ct)
            : TypedResults.ValidationProblem(parsed.Errors);
    }

    private static string?[] ExportFields(CustomerResponse c) =>
    [
        c.Id.ToString(CultureInfo.InvariantCulture), c.CustomerId, c.FirstName, c.LastName, GenderNames.ToName(c.Gender), c.PhoneNumber,
        c.Birthday?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Timestamp(c.Created), Timestamp(c.LastUpdated),
        c.Address?.Street, c.Address?.StreetNumber, c.Address?.CityCode, c.Address?.City, c.Address?.Country,
        c.Relationship.Points.ToString(CultureInfo.InvariantCulture), Timestamp(c.Relationship.Created),
        c.Relationship.LastActivity is { } active ? Timestamp(active) : null,
    ];

    private static string Timestamp(DateTime value) => value.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
}

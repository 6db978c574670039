using System.Globalization;

namespace TodoDashboard.Features.Customers;

/// <summary>
/// A <see cref="CustomerQuery"/> as the listing's query string, the inverse of <see cref="CustomerQueryParser"/>: what the
/// grid links to (its CSV export) and the grid's own address. Unset filters are left out.
/// </summary>
public static class CustomerQueryString
{
    /// <summary>The filters and the sort, without the page size: the export reads every match.</summary>
    public static string Format(CustomerQuery query) => Create(Filters(query));

    /// <summary>The filters, the sort, the page size and the cursor of the page shown (none for the first page): a page's address.</summary>
    public static string FormatPage(CustomerQuery query, string? cursor) =>
        Create([.. Filters(query), new("page_size", query.PageSize.ToString(CultureInfo.InvariantCulture)), new("cursor", cursor)]);

    private static string Create(IEnumerable<KeyValuePair<string, string?>> parameters) =>
        QueryString.Create(parameters.Where(p => p.Value is not null)).ToUriComponent();

    private static List<KeyValuePair<string, string?>> Filters(CustomerQuery query) =>
        [
            new("search", query.Search),
            new("first_name", query.FirstName),
            new("last_name", query.LastName),
            new("customer_id", query.CustomerId),
            new("phone_number", query.PhoneNumber),
            new("gender", query.Gender is { } gender ? GenderNames.ToName(gender) : null),
            new("country", query.Country),
            new("city", query.City),
            new("city_code", query.CityCode),
            new("street", query.Street),
            new("street_number", query.StreetNumber),
            new("has_address", query.HasAddress is { } hasAddress ? (hasAddress ? "true" : "false") : null),
            new("min_points", query.MinPoints?.ToString(CultureInfo.InvariantCulture)),
            new("max_points", query.MaxPoints?.ToString(CultureInfo.InvariantCulture)),
            new("birthday_after", query.BirthdayAfter?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            new("birthday_before", query.BirthdayBefore?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            new("created_after", Timestamp(query.CreatedAfter)),
            new("created_before", Timestamp(query.CreatedBefore)),
            new("active_from", Timestamp(query.ActiveFrom)),
            new("active_before", Timestamp(query.ActiveBefore)),
            new("sort_by", CustomerSortKeys.ApiName(query.SortBy)),
            new("ordering", query.Descending ? "descending" : "ascending"),
        ];

    private static string? Timestamp(DateTime? value) => value?.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
}

using System.Text.Json;

namespace TodoDashboard.Features.Customers;

/// <summary>
/// Every sort key matches an index "(expression, id)" in the AddCustomers migration, text keys under lower() compared
/// byte by byte (<c>COLLATE "C"</c>, see the CustomersTextIndexesByteOrder migration) so the key must be written exactly so.
/// </summary>
public static class CustomerSortKeys
{
    private static readonly Dictionary<CustomerSort, CustomerSortKey> Keys = new CustomerSortKey[]
    {
        new(CustomerSort.Created, "created", SortKeyType.Timestamp, false, ["created"]),
        new(CustomerSort.FullName, "lower(first_name || ' ' || last_name) COLLATE \"C\"", SortKeyType.Text, false, ["first_name", "last_name"]),
        new(CustomerSort.FirstName, "lower(first_name) COLLATE \"C\"", SortKeyType.Text, false, ["first_name"]),
        new(CustomerSort.LastName, "lower(last_name) COLLATE \"C\"", SortKeyType.Text, false, ["last_name"]),
        new(CustomerSort.CustomerId, "customer_id", SortKeyType.Text, false, ["customer_id"]),
        new(CustomerSort.City, "lower(city) COLLATE \"C\"", SortKeyType.Text, true, ["city"]),
        new(CustomerSort.Country, "lower(country) COLLATE \"C\"", SortKeyType.Text, true, ["country"]),
        new(CustomerSort.Points, "points", SortKeyType.Number, false, ["points"]),
        new(CustomerSort.LastActivity, "last_activity", SortKeyType.Timestamp, true, ["last_activity"]),
        new(CustomerSort.LastUpdated, "last_updated", SortKeyType.Timestamp, false, ["last_updated"]),
    }.ToDictionary(k => k.Sort);

    public static CustomerSortKey For(CustomerSort sort) => Keys[sort];

    /// <summary>The API's names: full_name, first_name, …, last_updated.</summary>
    public static string ApiName(CustomerSort sort) => JsonNamingPolicy.SnakeCaseLower.ConvertName(sort.ToString());

    public static IReadOnlyList<string> ApiNames { get; } = Enum.GetValues<CustomerSort>().Select(ApiName).ToArray();
}

using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;

namespace TodoDashboard.Features.Customers;

/// <summary>
/// A position in a sorted listing: the sort key's value and the id of a row, and which way to read from it.
/// Opaque to clients (base64url JSON); it carries its sort so it cannot be replayed against another order.
/// </summary>
public sealed record CustomerCursor(CustomerSort Sort, bool Descending, bool Backward, string? Value, long Id)
{
    public string Encode() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(
        new Wire((int)Sort, Descending ? 1 : 0, Backward ? 1 : 0, Value, Id)));

    public static bool TryDecode(string? text, out CustomerCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(text) || text.Length > 1024)
        {
            return false;
        }

        try
        {
            var wire = JsonSerializer.Deserialize<Wire>(Base64Url.DecodeFromChars(text));
            if (wire is null || !Enum.IsDefined((CustomerSort)wire.S) || wire.D is not (0 or 1) || wire.B is not (0 or 1)
                || (wire.V is not null && !CustomerSortKeys.For((CustomerSort)wire.S).IsValid(wire.V)))
            {
                return false;
            }

            cursor = new CustomerCursor((CustomerSort)wire.S, wire.D == 1, wire.B == 1, wire.V, wire.I);
            return true;
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return false;
        }
    }

    private sealed record Wire(int S, int D, int B, string? V, long I);
}

public enum SortKeyType
{
    Text,
    Number,
    Timestamp,
}

/// <summary>A sort key: the SQL expression its index is built on, and how its values travel in a cursor.</summary>
public sealed record CustomerSortKey(CustomerSort Sort, string Expression, SortKeyType Type, bool Nullable, string[] Columns)
{
    /// <summary>No two rows share the key (customer_id): it orders alone, on its unique index, without the id.</summary>
    public bool Unique => Sort == CustomerSort.CustomerId;

    public object ToParameter(string value) => Type switch
    {
        SortKeyType.Number => int.Parse(value, CultureInfo.InvariantCulture),
        SortKeyType.Timestamp => DateTime.SpecifyKind(new DateTime(long.Parse(value, CultureInfo.InvariantCulture)), DateTimeKind.Utc),
        _ => value,
    };

    public string FromDatabase(object value) => value switch
    {
        int i => i.ToString(CultureInfo.InvariantCulture),
        DateTime t => t.ToUniversalTime().Ticks.ToString(CultureInfo.InvariantCulture),
        _ => (string)value,
    };

    public bool IsValid(string value) => Type switch
    {
        SortKeyType.Number => int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
        SortKeyType.Timestamp => long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            && ticks <= DateTime.MaxValue.Ticks,
        _ => value.Length <= 1024 && Infrastructure.Validation.InputPolicy.Refusal(value) is null,
    };
}

/// <summary>Every sort key matches an index "(expression, id)" in the AddCustomers migration, text keys under lower().</summary>
public static class CustomerSortKeys
{
    private static readonly Dictionary<CustomerSort, CustomerSortKey> Keys = new CustomerSortKey[]
    {
        new(CustomerSort.Created, "created", SortKeyType.Timestamp, false, ["created"]),
        new(CustomerSort.FullName, "lower(first_name || ' ' || last_name)", SortKeyType.Text, false, ["first_name", "last_name"]),
        new(CustomerSort.FirstName, "lower(first_name)", SortKeyType.Text, false, ["first_name"]),
        new(CustomerSort.LastName, "lower(last_name)", SortKeyType.Text, false, ["last_name"]),
        new(CustomerSort.CustomerId, "customer_id", SortKeyType.Text, false, ["customer_id"]),
        new(CustomerSort.City, "lower(city)", SortKeyType.Text, true, ["city"]),
        new(CustomerSort.Country, "lower(country)", SortKeyType.Text, true, ["country"]),
        new(CustomerSort.Points, "points", SortKeyType.Number, false, ["points"]),
        new(CustomerSort.LastActivity, "last_activity", SortKeyType.Timestamp, true, ["last_activity"]),
        new(CustomerSort.LastUpdated, "last_updated", SortKeyType.Timestamp, false, ["last_updated"]),
    }.ToDictionary(k => k.Sort);

    public static CustomerSortKey For(CustomerSort sort) => Keys[sort];

    /// <summary>The API's names: full_name, first_name, …, last_updated.</summary>
    public static string ApiName(CustomerSort sort) => JsonNamingPolicy.SnakeCaseLower.ConvertName(sort.ToString());

    public static IReadOnlyList<string> ApiNames { get; } = Enum.GetValues<CustomerSort>().Select(ApiName).ToArray();
}

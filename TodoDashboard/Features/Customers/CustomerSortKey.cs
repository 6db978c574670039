using System.Globalization;

namespace TodoDashboard.Features.Customers;

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

using System.Globalization;
using TodoDashboard.Infrastructure.Validation;

namespace TodoDashboard.Features.Customers;

/// <summary>
/// Reads the original demo's query parameters (snake_case names and values, so its load script runs unchanged) into a
/// <see cref="CustomerQuery"/>, collecting a message per bad parameter under that parameter's name.
/// </summary>
public sealed class CustomerQueryParser(IQueryCollection query)
{
    /// <summary>The longest text filter, in characters (the widest column a filter compares is varchar(256)).</summary>
    public const int TextMaxLength = 256;

    private static readonly string[] TextFilters =
        ["search", "first_name", "last_name", "customer_id", "phone_number", "country", "city", "city_code", "street", "street_number"];

    /// <summary>Every parameter the listings read (for the API docs, which cannot see them in the endpoints' signatures).</summary>
    public static readonly string[] Parameters =
    [
        .. TextFilters, "gender", "has_address", "min_points", "max_points", "birthday_after", "birthday_before", "created_after",
        "created_before", "active_from", "active_before", "sort_by", "ordering", "page_size", "cursor", "page",
    ];

    public static readonly string[] IntegerParameters = ["min_points", "max_points", "page_size", "page"];

    public static readonly string[] BooleanParameters = ["has_address"];

    public Dictionary<string, string[]> Errors { get; } = [];

    public CustomerQuery Query { get; private set; } = new();

    public CustomerCursor? Cursor { get; private set; }

    public int Page { get; private set; } = 1;

    public bool IsValid => Errors.Count == 0;

    public static CustomerQueryParser Parse(IQueryCollection query)
    {
        var parser = new CustomerQueryParser(query);
        parser.Read();
        return parser;
    }

    private void Read()
    {
        foreach (var name in TextFilters)
        {
            if (InputPolicy.Check(name, Text(name), TextMaxLength) is { } message)
            {
                Error(name, message);
            }
        }

        Query = new CustomerQuery
        {
            Search = Text("search"),
            FirstName = Text("first_name"),
            LastName = Text("last_name"),
            CustomerId = Text("customer_id"),
            PhoneNumber = Text("phone_number"),
            Gender = ParseGender(),
            Country = Text("country"),
            City = Text("city"),
            CityCode = Text("city_code"),
            Street = Text("street"),
            StreetNumber = Text("street_number"),
            HasAddress = Value("has_address", ParseBool, "true or false"),
            MinPoints = Value("min_points", ParseInt, "a whole number"),
            MaxPoints = Value("max_points", ParseInt, "a whole number"),
            BirthdayAfter = Value("birthday_after", ParseDate, "a date (yyyy-MM-dd)"),
            BirthdayBefore = Value("birthday_before", ParseDate, "a date (yyyy-MM-dd)"),
            CreatedAfter = Value("created_after", ParseTimestamp, "a date or an ISO 8601 date and time"),
            CreatedBefore = Value("created_before", ParseTimestamp, "a date or an ISO 8601 date and time"),
            ActiveFrom = Value("active_from", ParseTimestamp, "a date or an ISO 8601 date and time"),
            ActiveBefore = Value("active_before", ParseTimestamp, "a date or an ISO 8601 date and time"),
            SortBy = ParseSort(),
            Descending = ParseOrdering(),
            PageSize = Value("page_size", ParseInt, "a whole number") ?? 20,
        };

        if (Query.PageSize is < 1 or > CustomerQuery.MaxPageSize && !Errors.ContainsKey("page_size"))
        {
            Error("page_size", $"'page_size' must be between 1 and {CustomerQuery.MaxPageSize}.");
        }

        if (Query.MinPoints > Query.MaxPoints)
        {
            Error("min_points", "'min_points' cannot be above 'max_points'.");
        }

        if (Value("page", ParseInt, "a whole number") is { } page)
        {
            if (page is < 1 or > Paging.MaxPage)
            {
                Error("page", FormattableString.Invariant($"'page' must be between 1 and {Paging.MaxPage}."));
            }

            Page = page;
        }

        ReadCursor();
    }

    private void ReadCursor()
    {
        if (Text("cursor") is not { } text)
        {
            return;
        }

        if (InputPolicy.Check("cursor", text) is { } refused)
        {
            Error("cursor", refused);
        }
        else if (!CustomerCursor.TryDecode(text, out var cursor))
        {
            Error("cursor", "'cursor' is not a cursor this API gave out.");
        }
        else if (cursor!.Sort != Query.SortBy || cursor.Descending != Query.Descending)
        {
            Error("cursor", "'cursor' belongs to another sort: pass the same sort_by and ordering as the page it came from.");
        }
        else
        {
            Cursor = cursor;
        }
    }

    private string? Text(string name) => query[name].ToString() is { Length: > 0 } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private T? Value<T>(string name, Func<string, T?> parse, string expected) where T : struct
    {
        if (Text(name) is not { } text)
        {
            return null;
        }

        if (parse(text) is { } value)
        {
            return value;
        }

        Error(name, $"'{text}' is not valid for '{name}': expected {expected}.");
        return null;
    }

    private Gender? ParseGender()
    {
        if (Text("gender") is not { } text)
        {
            return null;
        }

        if (GenderNames.TryParse(text, out var gender))
        {
            return gender;
        }

        Error("gender", $"'gender' must be one of: {string.Join(", ", GenderNames.All)}.");
        return null;
    }

    private CustomerSort ParseSort()
    {
        if (Text("sort_by") is not { } text)
        {
            return CustomerSort.Created;
        }

        var index = CustomerSortKeys.ApiNames.ToList().FindIndex(n => n.Equals(text, StringComparison.OrdinalIgnoreCase));
        if (index >= 0)
        {
            return Enum.GetValues<CustomerSort>()[index];
        }

        Error("sort_by", $"'sort_by' must be one of: {string.Join(", ", CustomerSortKeys.ApiNames)}.");
        return CustomerSort.Created;
    }

    private bool ParseOrdering()
    {
        switch (Text("ordering")?.ToLowerInvariant())
        {
            case null or "ascending" or "asc":
                return false;
            case "descending" or "desc":
                return true;
            default:
                Error("ordering", "'ordering' must be one of: ascending, descending.");
                return false;
        }
    }

    private void Error(string name, string message) => Errors[name] = [message];

    private static bool? ParseBool(string text) => text.ToLowerInvariant() switch
    {
        "true" or "1" or "yes" => true,
        "false" or "0" or "no" => false,
        _ => null,
    };

    private static int? ParseInt(string text) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static DateOnly? ParseDate(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value) ? value : null;

    // A date alone is midnight UTC; a time without an offset is UTC.
    private static DateTime? ParseTimestamp(string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value.UtcDateTime
            : null;
}

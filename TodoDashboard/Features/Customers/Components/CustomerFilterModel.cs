namespace TodoDashboard.Features.Customers.Components;

/// <summary>The filter fields' values; an empty field filters nothing.</summary>
public sealed class CustomerFilterModel
{
    public string? FirstName { get; set; }

    public string? LastName { get; set; }

    public string? City { get; set; }

    public string? Country { get; set; }

    public Gender? Gender { get; set; }

    public bool? HasAddress { get; set; }

    public int? MinPoints { get; set; }

    public int? MaxPoints { get; set; }

    public int ActiveCount =>
        new object?[] { Text(FirstName), Text(LastName), Text(City), Text(Country), Gender, HasAddress, MinPoints, MaxPoints }
            .Count(v => v is not null);

    public CustomerQuery ApplyTo(CustomerQuery query) => query with
    {
        FirstName = Text(FirstName),
        LastName = Text(LastName),
        City = Text(City),
        Country = Text(Country),
        Gender = Gender,
        HasAddress = HasAddress,
        MinPoints = MinPoints,
        MaxPoints = MaxPoints,
    };

    /// <summary>Shows the filters of <paramref name="query"/> that have a field here (a link's, say).</summary>
    public void Load(CustomerQuery query)
    {
        FirstName = query.FirstName;
        LastName = query.LastName;
        City = query.City;
        Country = query.Country;
        Gender = query.Gender;
        HasAddress = query.HasAddress;
        MinPoints = query.MinPoints;
        MaxPoints = query.MaxPoints;
    }

    /// <summary>Why the search box or a filter cannot be searched (the API's input policy: NUL, broken Unicode), or null.</summary>
    public string? Refusal(string? search) =>
        new[] { ("search", search), ("first name", FirstName), ("last name", LastName), ("city", City), ("country", Country) }
            .Select(f => Infrastructure.Validation.InputPolicy.Check(f.Item1, f.Item2))
            .FirstOrDefault(r => r is not null);

    public void Clear() => Load(new CustomerQuery());

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

namespace TodoDashboard.Features.Customers;

/// <summary>The API's gender values: undefined, male, female, non_binary.</summary>
public static class GenderNames
{
    /// <summary>Every name the API reads and writes.</summary>
    public static IReadOnlyList<string> All { get; } = Enum.GetValues<Gender>().Select(ToName).ToArray();

    public static string ToName(Gender gender) => gender switch
    {
        Gender.Male => "male",
        Gender.Female => "female",
        Gender.NonBinary => "non_binary",
        _ => "undefined",
    };

    public static Gender Parse(string name) => TryParse(name, out var gender) ? gender : Gender.Undefined;

    public static bool TryParse(string? name, out Gender gender)
    {
        gender = name?.Trim().ToLowerInvariant() switch
        {
            "undefined" => Gender.Undefined,
            "male" => Gender.Male,
            "female" => Gender.Female,
            "non_binary" => Gender.NonBinary,
            _ => (Gender)(-1),
        };
        return Enum.IsDefined(gender);
    }
}

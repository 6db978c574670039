namespace TodoDashboard.Infrastructure.Validation;

/// <summary>What a value must look like, by the type it binds to, for messages that name the field ("'page' must be a whole number …").</summary>
public static class ValueExpectations
{
    public static string Describe(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(EnumChoice<>))
        {
            type = type.GetGenericArguments()[0];
        }

        return type switch
        {
            _ when type.IsEnum => $"one of: {string.Join(", ", EnumNames(type))}",
            _ when type == typeof(int) => "a whole number from -2147483648 to 2147483647",
            _ when type == typeof(long) => "a whole number from -9223372036854775808 to 9223372036854775807",
            _ when type == typeof(short) => "a whole number from -32768 to 32767",
            _ when type == typeof(uint) => "a whole number from 0 to 4294967295",
            _ when type == typeof(decimal) || type == typeof(double) || type == typeof(float) => "a number",
            _ when type == typeof(bool) => "true or false",
            _ when type == typeof(string) => "a string",
            _ when type == typeof(Guid) => "a GUID",
            _ when type == typeof(DateOnly) => "a date (yyyy-MM-dd)",
            _ when type == typeof(DateTime) || type == typeof(DateTimeOffset) => "an ISO 8601 date and time",
            _ when type == typeof(TimeSpan) => "a duration (hh:mm:ss)",
            _ when type != typeof(string) && type.IsAssignableTo(typeof(System.Collections.IEnumerable)) => "a list",
            _ => "an object of the documented shape",
        };
    }

    /// <summary>An enum's names as the API writes them (camelCase, as the JSON options' enum converter does).</summary>
    public static IEnumerable<string> EnumNames(Type enumType) => Enum.GetNames(enumType).Select(System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName);
}

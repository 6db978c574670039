namespace TodoDashboard.Infrastructure.Validation;

/// <summary>
/// What a service answers when its input is checked against more than the request itself (the data, the server's
/// limits): the value, or the errors per field, keyed by the request's property names. Endpoints answer the errors
/// as a ValidationProblem (whose keys the problem details setup names as the JSON does); components show them on
/// their fields. The API and the UI so refuse the same requests with the same words.
/// </summary>
public sealed class Validated<T>
{
    internal Validated(T? value, IReadOnlyDictionary<string, string[]> errors)
    {
        Value = value;
        Errors = errors;
    }

    public T? Value { get; }

    public IReadOnlyDictionary<string, string[]> Errors { get; }

    public bool IsValid => Errors.Count == 0;

    /// <summary>The messages for one field, joined, or null when it has none.</summary>
    public string? ErrorFor(string field) => Errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;
}

public static class Validated
{
    public static Validated<T> Valid<T>(T value) => new(value, new Dictionary<string, string[]>());

    public static Validated<T> Invalid<T>(IReadOnlyDictionary<string, string[]> errors) => new(default, errors);

    public static Validated<T> Invalid<T>(string field, string message) => Invalid<T>(new Dictionary<string, string[]> { [field] = [message] });
}

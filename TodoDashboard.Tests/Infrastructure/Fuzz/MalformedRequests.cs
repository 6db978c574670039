using System.Text;
using System.Text.Json;

namespace TodoDashboard.Tests.Infrastructure.Fuzz;

/// <summary>
/// One request to send as it is. <see cref="Url"/> may hold <see cref="MalformedRequests.TodoId"/>,
/// <see cref="MalformedRequests.CustomerId"/> or <see cref="MalformedRequests.CustomerCode"/>, replaced by a row created just before the burst.
/// </summary>
public sealed record FuzzRequest(string Operation, string Method, string Url, byte[]? Body, string? ContentType, string? IfMatch, bool Anonymous)
{
    public string BodyText => Body is null ? "" : Encoding.UTF8.GetString(Body);
}

/// <summary>
/// Malformed requests for every operation of an OpenAPI document, from one seed: the same seed gives the same requests.
/// Each request breaks the path, the query, the body or its content type, one way at a time or a few at once.
/// </summary>
public sealed partial class MalformedRequests(OpenApiOperations api, int seed, IReadOnlyList<string> cursors)
{
    public const string TodoId = "{todo}";
    public const string CustomerId = "{customer}";
    public const string CustomerCode = "{customerCode}";

    /// <summary>The customers listings' snake_case parameters, in case the document leaves any out.</summary>
    private static readonly string[] CustomerListingParameters =
    [
        "search", "first_name", "last_name", "customer_id", "phone_number", "gender", "country", "city", "city_code", "street",
        "street_number", "has_address", "min_points", "max_points", "birthday_after", "birthday_before", "created_after",
        "created_before", "active_from", "active_before", "sort_by", "ordering", "page_size", "cursor", "page",
    ];

    private static readonly string LongDigits = new('9', 10_000);
    private static readonly string LongLetters = new('a', 10_000);

    // No %00 in paths: the in-memory test server's client refuses such a path before sending it (Kestrel answers 400 itself).
    private static readonly string[] PathValues =
    [
        "-1", "0", "9223372036854775808", "-9223372036854775809", "2147483648", "1e400", "abc", "%01", "1%0A", "%ED%A0%80",
        "%EF%BF%BE", "%E2%80%8F%E2%80%AE1", "%C3%28", LongDigits, LongLetters, "00000000-0000-0000-0000-000000000000", "%20",
        "1.5", "0x10", "%F0%9F%92%A9", TodoId, CustomerId,
    ];

    private static readonly string[] QueryValues =
    [
        "abc", "%00", "a%00b", "-1", "0", "2147483648", "-2147483649", "1e400", "1073741824", "9223372036854775808", "NaN",
        "true", "", LongLetters, LongDigits, "%ED%A0%80", "%EF%BF%BE", "%E2%80%8Fabc%E2%80%AE", "%C3%28", "2024-13-45",
        "9999-12-31T23:59:59Z", "0001-01-01", "%25", "%27%3B--", "Ada%00", "%F0%9F%92%A9", "%00%00", "x%00y", "%00Ada",
    ];

    private static readonly string[] BadValues =
    [
        "null", "\"abc\"", "true", "[]", "{}", "\"a\\u0000b\"", "\"\\u0000\"", Quote(new string('x', 10_000)),
        Quote(new string('é', 5_000)), "\"a\\ud800b\"", "\"\\udc00\"", "\"\\uFFFE\"", "\"\\uFFFF\"", "\"\\u202Eevil\\u200F\"", "1e400", "-1e400",
        "2147483648", "-2147483649", "9223372036854775808", "1.5", "-1", "0", "{\"a\":[[{\"b\":[null,{\"c\":\"\\u0000\"}]}]]}",
        new string('[', 100) + new string(']', 100), "\"2024-02-30\"", "\"\"", "\"   \"", "\"a\\uFFFE@example.com\"",
        Quote(new string('a', 300) + "@example.com"), "[null]", "[{\"a\":null}]", "[\"\\u0000\"]",
    ];

    private static readonly string[] BrokenJson = ["{", "{\"a\":}", "nul", "[1,2", "{\"title\":\"a\"}}", "{'a':1}", "\u0000", "{\"a\":\"\\x\"}", "{\"a\":01}"];

    private static readonly string[] WrongContentTypes =
    [
        "text/plain", "application/json; charset=bogus", "application/json; charset=", "application/xml", "multipart/form-data",
        "application/x-www-form-urlencoded", "application/json; charset=utf-7", "", "*/*",
    ];

    private static readonly string[] BadIfMatch = ["\"abc\"", "\"99999999999\"", "W/\"1\"", "*", "\"-1\"", "\"1\"\u0000", "1", "\"\"", "\"1\", \"2\""];

    private static readonly string[] BadStrings =
    [
        "\"a\\u0000b\"", "\"\\u0000\"", "\"Ada\\u0000\"", "\"a\\ud800b\"", "\"\\udc00\"", "\"\\uFFFE\"", "\"\\uFFFF\"",
        "\"\\u202Eevil\\u200F\"", Quote(new string('x', 10_000)), Quote(new string('é', 5_000)), Quote(new string('a', 300) + "@example.com"),
        "\"\"", "\"   \"",
    ];

    private readonly Random _random = new(seed);

    /// <summary>
    /// <paramref name="roundRobin"/> requests going round every operation in turn from <paramref name="start"/>, then
    /// <paramref name="weighted"/> more to operations picked by how much input they take (query parameters and body fields).
    /// </summary>
    public IReadOnlyList<FuzzRequest> Burst(int start, int roundRobin, int weighted)
    {
        var requests = Enumerable.Range(start, roundRobin).Select(i => For(api.Operations[i % api.Operations.Count])).ToList();
        var weights = api.Operations.Select(o => o.QueryParameters.Count + (o.BodySchema is { } b ? 2 + Properties(b).Count : 0)).ToList();
        var total = weights.Sum();
        for (var i = 0; i < weighted; i++)
        {
            var roll = _random.Next(total);
            var index = 0;
            while (roll >= weights[index])
            {
                roll -= weights[index++];
            }

            requests.Add(For(api.Operations[index]));
        }

        return requests;
    }

    /// <summary>Writes to a todo and a customer, meant to be sent all at once, with deletes of the same rows among them.</summary>
    public static IReadOnlyList<FuzzRequest> Races()
    {
        var todo = Encoding.UTF8.GetBytes("{\"title\":\"raced\",\"description\":\"d\",\"isCompleted\":true}");
        var patch = Encoding.UTF8.GetBytes("{\"title\":\"patched\"}");
        var customer = Encoding.UTF8.GetBytes($"{{\"firstName\":\"Ada\",\"lastName\":\"Raced\",\"customerId\":\"{CustomerCode}\"}}");
        const string Json = "application/json";
        return
        [
            new("race PUT /api/todos/{id}", "PUT", $"/api/todos/{TodoId}", todo, Json, null, false),
            new("race PATCH /api/todos/{id}", "PATCH", $"/api/todos/{TodoId}", patch, Json, null, false),
            new("race PATCH /api/todos/{id}/toggle", "PATCH", $"/api/todos/{TodoId}/toggle", null, null, null, false),
            new("race DELETE /api/todos/{id}", "DELETE", $"/api/todos/{TodoId}", null, null, null, false),
            new("race PUT /api/todos/{id}", "PUT", $"/api/todos/{TodoId}", todo, Json, null, false),
            new("race PATCH /api/todos/{id}/toggle", "PATCH", $"/api/todos/{TodoId}/toggle", null, null, "*", false),
            new("race DELETE /api/todos/{id}", "DELETE", $"/api/todos/{TodoId}", null, null, null, false),
            new("race PUT /api/customers/{id}", "PUT", $"/api/customers/{CustomerId}", customer, Json, null, false),
            new("race DELETE /api/customers/{id}", "DELETE", $"/api/customers/{CustomerId}", null, null, null, false),
            new("race PUT /api/customers/{id}", "PUT", $"/api/customers/{CustomerId}", customer, Json, "*", false),
            new("race DELETE /api/customers/{id}", "DELETE", $"/api/customers/{CustomerId}", null, null, null, false),
        ];
    }

    private FuzzRequest For(ApiOperation operation)
    {
        var anonymous = _random.NextDouble() < 0.1;
        var path = operation.Path;
        foreach (var parameter in operation.PathParameters)
        {
            path = path.Replace("{" + parameter.Name + "}", PathValue(parameter), StringComparison.Ordinal);
        }

        var url = path + Query(operation);
        var (body, contentType) = Body(operation);
        var ifMatch = operation.Method is "PUT" or "PATCH" or "DELETE" && _random.NextDouble() < 0.2 ? Pick(BadIfMatch) : null;
        return new FuzzRequest(operation.ToString(), operation.Method, url, body, contentType, ifMatch, anonymous);
    }

    private string PathValue(ApiParameter parameter)
    {
        if (_random.NextDouble() < 0.2)
        {
            return Format(parameter.Schema) switch
            {
                "uuid" => NewGuid().ToString(),
                "int64" => TodoId,
                _ => Types(parameter.Schema).Contains("integer") ? "1" : "fuzz",
            };
        }

        return Pick(PathValues);
    }

    private string Query(ApiOperation operation)
    {
        var names = operation.QueryParameters.Select(p => p.Name).ToList();
        if (operation.Path.StartsWith("/api/customers", StringComparison.Ordinal) && operation.Method == "GET" && names.Count > 0)
        {
            names.AddRange(CustomerListingParameters.Except(names));
        }

        if (names.Count == 0)
        {
            return _random.NextDouble() < 0.1 ? "?page=%00&pageSize=1e400" : "";
        }

        var pairs = new List<string>();
        if (names.Contains("page") && _random.NextDouble() < 0.15)
        {
            // Far past the last page: page times page size overflows an int.
            pairs.Add("page=1073741824");
        }

        for (var i = _random.Next(1, 4); i > 0; i--)
        {
            var name = Pick(names);
            pairs.Add($"{name}={QueryValue(name)}");
        }

        return "?" + string.Join('&', pairs);
    }

    private string QueryValue(string name)
    {
        if (name == "cursor" && _random.NextDouble() < 0.7)
        {
            return Uri.EscapeDataString(TamperedCursor());
        }

        if (name == "page" && _random.NextDouble() < 0.3)
        {
            return "1073741824";
        }

        return Pick(QueryValues);
    }

    private string TamperedCursor()
    {
        var real = cursors.Count > 0 ? Pick(cursors) : "eyJrIjoxfQ";
        switch (_random.Next(5))
        {
            case 0:
                var bytes = new byte[_random.Next(1, 64)];
                _random.NextBytes(bytes);
                return Convert.ToBase64String(bytes);
            case 1:
                return real[..Math.Max(1, _random.Next(real.Length))];
            case 2:
                var chars = real.ToCharArray();
                chars[_random.Next(chars.Length)] = Pick(["A", "_", "-", "=", "!"])[0];
                return new string(chars);
            case 3:
                return Convert.ToBase64String(Encoding.UTF8.GetBytes(Pick(
                    ["{\"v\":\"\\u0000\",\"id\":99999999999999999999}", "{\"k\":[1e400]}", "null", "[]", "{\"s\":\"x\",\"d\":\"sideways\"}"])));
            default:
                return real + "\u0000";
        }
    }

    private Guid NewGuid()
    {
        var bytes = new byte[16];
        _random.NextBytes(bytes);
        return new Guid(bytes);
    }

    private T Pick<T>(IReadOnlyList<T> values) => values[_random.Next(values.Count)];

    private static string Quote(string value) => JsonSerializer.Serialize(value);
}

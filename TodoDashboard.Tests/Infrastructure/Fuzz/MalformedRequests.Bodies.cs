using System.Globalization;
using System.Text;
using System.Text.Json;

namespace TodoDashboard.Tests.Infrastructure.Fuzz;

/// <summary>The bodies: valid JSON from the operation's schema with one field broken, broken JSON, or wrong content types.</summary>
public sealed partial class MalformedRequests
{
    private (byte[]? Body, string? ContentType) Body(ApiOperation operation)
    {
        const string Json = "application/json";
        if (operation.BodySchema is not { } schema)
        {
            return operation.Method is "POST" or "PUT" or "PATCH" && _random.NextDouble() < 0.3
                ? (Encoding.UTF8.GetBytes(Pick(BadValues)), Json)
                : (null, null);
        }

        var roll = _random.NextDouble();
        if (roll < 0.55)
        {
            return (Encoding.UTF8.GetBytes(MutatedObject(schema)), Json);
        }

        if (roll < 0.65)
        {
            return _random.Next(3) == 0
                ? ([.. "{\"a\":\""u8, 0xC3, 0x28, .. "\"}"u8], Json)
                : (Encoding.UTF8.GetBytes(_random.Next(2) == 0 ? Pick(BrokenJson) : Truncated(Valid(schema, null, 0))), Json);
        }

        if (roll < 0.72)
        {
            return ([], Json);
        }

        if (roll < 0.85)
        {
            var text = _random.Next(2) == 0 ? Valid(schema, null, 0) : MutatedObject(schema);
            return (Encoding.UTF8.GetBytes(text), Pick(WrongContentTypes));
        }

        if (roll < 0.95)
        {
            return (Encoding.UTF8.GetBytes(Pick(BadValues)), Json);
        }

        return (Encoding.UTF8.GetBytes(Valid(schema, null, 0)), Json);
    }

    private string Truncated(string json) => json[..Math.Max(1, _random.Next(json.Length))];

    /// <summary>A body the schema would accept but for one field (or, now and then, a nested one).</summary>
    private string MutatedObject(JsonElement schema)
    {
        var properties = Properties(schema);
        if (properties.Count == 0)
        {
            return Pick(BadValues);
        }

        var fields = Fields(schema, properties, 0);
        var target = _random.Next(properties.Count);
        var name = properties[target].Name;
        var nested = Resolve(properties[target].Schema);
        var value = Properties(nested).Count > 0 && _random.Next(2) == 0 ? MutatedObject(nested)
            : Types(nested).Contains("array") && _random.Next(2) == 0 ? $"[{MutatedArrayItem(nested)}]"
            : Types(nested).Contains("string") && _random.Next(3) > 0 ? Pick(BadStrings)
            : Pick(BadValues);
        fields[name] = value;
        return "{" + string.Join(',', fields.Select(f => $"{Quote(f.Key)}:{f.Value}")) + "}";
    }

    private string MutatedArrayItem(JsonElement arraySchema)
    {
        var items = arraySchema.TryGetProperty("items", out var i) ? Resolve(i) : default;
        return Properties(items).Count > 0 ? $"{Valid(items, null, 1)},{MutatedObject(items)}" : Pick(BadValues);
    }

    private Dictionary<string, string> Fields(JsonElement schema, List<(string Name, JsonElement Schema)> properties, int depth)
    {
        var required = schema.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(e => e.GetString()).ToHashSet() : [];
        var fields = new Dictionary<string, string>();
        foreach (var (name, propertySchema) in properties)
        {
            if (required.Contains(name) || _random.Next(2) == 0)
            {
                fields[name] = Valid(propertySchema, name, depth + 1);
            }
        }

        return fields;
    }

    /// <summary>A value the schema (and the app's rules, as far as names tell) accepts.</summary>
    private string Valid(JsonElement schema, string? name, int depth)
    {
        schema = Resolve(schema);
        var n = _random.Next(1_000_000).ToString(CultureInfo.InvariantCulture);
        switch (name?.ToUpperInvariant())
        {
            case "EMAIL" or "NEWEMAIL":
                return Quote($"fuzz-{n}@example.com");
            case "PASSWORD" or "NEWPASSWORD" or "OLDPASSWORD":
                return Quote("Fuzz-pass-1");
            case "PHONENUMBER":
                return Quote("+4912345678");
            case "GENDER":
                return Quote("female");
            case "CUSTOMERID":
                return Quote($"FZ{n}");
        }

        if (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("enum", out var values))
        {
            var first = values.EnumerateArray().FirstOrDefault(v => v.ValueKind != JsonValueKind.Null);
            if (first.ValueKind != JsonValueKind.Undefined)
            {
                return first.GetRawText();
            }
        }

        var types = Types(schema);
        var properties = Properties(schema);
        if (properties.Count > 0)
        {
            return depth > 3 ? "{}" : "{" + string.Join(',', Fields(schema, properties, depth).Select(f => $"{Quote(f.Key)}:{f.Value}")) + "}";
        }

        if (types.Contains("array"))
        {
            var items = schema.TryGetProperty("items", out var i) ? i : default;
            return depth > 3 || items.ValueKind == JsonValueKind.Undefined ? "[]" : $"[{Valid(items, null, depth + 1)}]";
        }

        if (types.Contains("integer") || types.Contains("number"))
        {
            return "1";
        }

        if (types.Contains("boolean"))
        {
            return "false";
        }

        return Format(schema) switch
        {
            "date" => Quote("2024-01-01"),
            "date-time" => Quote("2024-01-01T00:00:00Z"),
            "uuid" => Quote(NewGuid().ToString()),
            _ => types.Contains("string") || types.Count == 0 ? Quote($"fuzz {n}") : "null",
        };
    }

    private List<(string Name, JsonElement Schema)> Properties(JsonElement schema)
    {
        schema = Resolve(schema);
        return schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("properties", out var properties)
            ? properties.EnumerateObject().Select(p => (p.Name, p.Value)).ToList()
            : [];
    }

    /// <summary>The schema with its $ref followed and, for oneOf/anyOf, the first alternative that is not null.</summary>
    private JsonElement Resolve(JsonElement schema)
    {
        schema = api.Resolve(schema);
        foreach (var keyword in new[] { "oneOf", "anyOf", "allOf" })
        {
            if (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty(keyword, out var alternatives))
            {
                var chosen = alternatives.EnumerateArray().Select(api.Resolve)
                    .FirstOrDefault(a => !(a.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "null"));
                if (chosen.ValueKind != JsonValueKind.Undefined)
                {
                    return chosen;
                }
            }
        }

        return schema;
    }

    private static List<string> Types(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("type", out var type))
        {
            return [];
        }

        return type.ValueKind == JsonValueKind.Array
            ? type.EnumerateArray().Select(t => t.GetString()!).Where(t => t != "null").ToList()
            : [type.GetString()!];
    }

    private static string? Format(JsonElement schema) =>
        schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("format", out var format) ? format.GetString() : null;
}

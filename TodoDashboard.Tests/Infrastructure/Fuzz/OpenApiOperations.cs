using System.Text.Json;

namespace TodoDashboard.Tests.Infrastructure.Fuzz;

/// <summary>One parameter of an operation as the OpenAPI document describes it; <see cref="Schema"/> has its $ref resolved.</summary>
public sealed record ApiParameter(string Name, JsonElement Schema);

/// <summary>One operation of the app's OpenAPI document.</summary>
public sealed record ApiOperation(
    string Method,
    string Path,
    IReadOnlyList<ApiParameter> PathParameters,
    IReadOnlyList<ApiParameter> QueryParameters,
    JsonElement? BodySchema)
{
    public override string ToString() => $"{Method} {Path}";
}

/// <summary>Reads the operations out of an OpenAPI 3.x JSON document, resolving local schema references.</summary>
public sealed class OpenApiOperations
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    private readonly JsonElement _schemas;

    private OpenApiOperations(JsonElement root) =>
        _schemas = root.TryGetProperty("components", out var components) && components.TryGetProperty("schemas", out var schemas)
            ? schemas
            : default;

    public IReadOnlyList<ApiOperation> Operations { get; private set; } = [];

    public static OpenApiOperations Parse(string document)
    {
        var root = JsonDocument.Parse(document).RootElement.Clone();
        var reader = new OpenApiOperations(root);
        var operations = new List<ApiOperation>();
        foreach (var path in root.GetProperty("paths").EnumerateObject())
        {
            foreach (var method in Methods)
            {
                if (path.Value.TryGetProperty(method, out var operation))
                {
                    operations.Add(reader.Read(method.ToUpperInvariant(), path.Name, path.Value, operation));
                }
            }
        }

        reader.Operations = operations;
        return reader;
    }

    /// <summary>The schema itself, or the one its $ref names (a few levels deep), or an empty object.</summary>
    public JsonElement Resolve(JsonElement schema)
    {
        for (var depth = 0; depth < 8 && schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$ref", out var reference); depth++)
        {
            var name = reference.GetString()!.Split('/')[^1];
            if (_schemas.ValueKind != JsonValueKind.Object || !_schemas.TryGetProperty(name, out schema))
            {
                return default;
            }
        }

        return schema;
    }

    private ApiOperation Read(string method, string path, JsonElement pathItem, JsonElement operation)
    {
        var parameters = new List<(string In, ApiParameter Parameter)>();
        foreach (var source in new[] { pathItem, operation })
        {
            if (source.TryGetProperty("parameters", out var list))
            {
                foreach (var parameter in list.EnumerateArray().Select(Resolve))
                {
                    var schema = parameter.TryGetProperty("schema", out var s) ? Resolve(s) : default;
                    parameters.Add((parameter.GetProperty("in").GetString()!, new ApiParameter(parameter.GetProperty("name").GetString()!, schema)));
                }
            }
        }

        JsonElement? body = null;
        if (operation.TryGetProperty("requestBody", out var requestBody)
            && Resolve(requestBody).TryGetProperty("content", out var content))
        {
            foreach (var media in content.EnumerateObject())
            {
                if (media.Value.TryGetProperty("schema", out var schema))
                {
                    body = Resolve(schema);
                    break;
                }
            }
        }

        return new ApiOperation(
            method,
            path,
            parameters.Where(p => p.In == "path").Select(p => p.Parameter).ToList(),
            parameters.Where(p => p.In == "query").Select(p => p.Parameter).ToList(),
            body);
    }
}

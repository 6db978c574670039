using System.Text.Json;

namespace TodoDashboard.Infrastructure.Validation;

/// <summary>Follows a <see cref="JsonException.Path"/> (<c>$.users[0].name</c>) through the types the serializer reads.</summary>
public static class JsonPath
{
    /// <summary>The type of the value at <paramref name="path"/> below <paramref name="root"/>, or null when the path leaves the contract.</summary>
    public static Type? TypeAt(JsonSerializerOptions options, Type? root, string? path)
    {
        if (root is null || path is null || !path.StartsWith('$'))
        {
            return null;
        }

        var type = root;
        var at = 1;
        while (at < path.Length && type is not null)
        {
            var info = options.GetTypeInfo(Nullable.GetUnderlyingType(type) ?? type);
            if (path[at] == '.')
            {
                var end = path.IndexOfAny(['.', '['], at + 1);
                var name = path[(at + 1)..(end < 0 ? path.Length : end)];
                type = info.Properties.FirstOrDefault(p => p.Name == name)?.PropertyType;
                at = end < 0 ? path.Length : end;
            }
            else if (path.AsSpan(at).StartsWith("['", StringComparison.Ordinal))
            {
                var end = path.IndexOf("']", at, StringComparison.Ordinal);
                var name = end < 0 ? "" : path[(at + 2)..end];
                type = end < 0 ? null : info.Properties.FirstOrDefault(p => p.Name == name)?.PropertyType;
                at = end < 0 ? path.Length : end + 2;
            }
            else if (path[at] == '[')
            {
                var end = path.IndexOf(']', at);
                type = end < 0 ? null : info.ElementType;
                at = end < 0 ? path.Length : end + 1;
            }
            else
            {
                return null;
            }
        }

        return type;
    }
}

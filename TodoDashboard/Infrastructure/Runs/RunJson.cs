using System.Text.Json;
using System.Text.Json.Serialization;

namespace TodoDashboard.Infrastructure.Runs;

/// <summary>The one JSON form of every kind's parameters and data.</summary>
public static class RunJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Options)!;
}

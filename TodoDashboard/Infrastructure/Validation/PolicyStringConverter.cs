using System.Text.Json;
using System.Text.Json.Serialization;

namespace TodoDashboard.Infrastructure.Validation;

/// <summary>
/// Every string read from JSON passes <see cref="InputPolicy"/>; a refused one throws <see cref="InputRefusedException"/>,
/// whose <see cref="JsonException.Path"/> the serializer fills in with the field (<c>$.users[0].name</c>).
/// </summary>
public sealed class PolicyStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        string? value;
        try
        {
            value = reader.GetString();
        }
        catch (InvalidOperationException) when (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName)
        {
            // A string token that does not transcode: invalid UTF-8, or an escaped lone surrogate.
            throw new InputRefusedException("is not valid Unicode text");
        }

        return value is not null && InputPolicy.Refusal(value) is { } refusal ? throw new InputRefusedException(refusal) : value;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

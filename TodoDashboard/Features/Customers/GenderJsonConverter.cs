using System.Text.Json.Serialization;
using TodoDashboard.Infrastructure.Validation;

namespace TodoDashboard.Features.Customers;

/// <summary>Reads and writes gender as the API's names: undefined, male, female, non_binary.</summary>
public sealed class GenderJsonConverter : JsonConverter<Gender>
{
    public override Gender Read(ref System.Text.Json.Utf8JsonReader reader, Type typeToConvert, System.Text.Json.JsonSerializerOptions options) =>
        reader.TokenType == System.Text.Json.JsonTokenType.String && GenderNames.TryParse(reader.GetString(), out var gender)
            ? gender
            : throw new JsonChoiceException(GenderNames.All);

    public override void Write(System.Text.Json.Utf8JsonWriter writer, Gender value, System.Text.Json.JsonSerializerOptions options) =>
        writer.WriteStringValue(GenderNames.ToName(value));
}

using System.Text.Json;

namespace TodoDashboard.Infrastructure.Validation;

/// <summary>A value outside a fixed set of names, thrown by converters that know the names (<see cref="Allowed"/>).</summary>
public sealed class JsonChoiceException(IReadOnlyList<string> allowed) : JsonException("The value is not one of the allowed names.")
{
    public IReadOnlyList<string> Allowed { get; } = allowed;
}

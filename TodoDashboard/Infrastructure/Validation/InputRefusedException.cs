using System.Text.Json;

namespace TodoDashboard.Infrastructure.Validation;

/// <summary>A string the input policy refuses; <see cref="Reason"/> follows the field's name ("contains a NUL character …").</summary>
public sealed class InputRefusedException(string reason) : JsonException(reason)
{
    public string Reason { get; } = reason;
}

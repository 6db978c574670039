using System.Diagnostics.CodeAnalysis;

namespace TodoDashboard.Infrastructure.Validation;

/// <summary>
/// A query-string choice among an enum's named values, case-insensitive ("sequential", "Sequential"),
/// which the framework's enum binding is not. Numbers and unknown names fail to bind and answer 400.
/// </summary>
public readonly record struct EnumChoice<TEnum>(TEnum Value) where TEnum : struct, Enum
{
    [SuppressMessage("Design", "CA1000", Justification = "Minimal API binding looks for a static TryParse on the parameter type.")]
    public static bool TryParse(string? value, IFormatProvider? provider, [MaybeNullWhen(false)] out EnumChoice<TEnum> result)
    {
        result = default;
        if (string.IsNullOrWhiteSpace(value) || char.IsAsciiDigit(value[0]) || value[0] == '-'
            || !Enum.TryParse<TEnum>(value, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
        {
            return false;
        }

        result = new EnumChoice<TEnum>(parsed);
        return true;
    }

    public static implicit operator TEnum(EnumChoice<TEnum> choice) => choice.Value;

    public override string ToString() => Value.ToString();
}

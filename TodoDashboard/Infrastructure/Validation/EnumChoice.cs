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
        // Matched against the names themselves: Enum.TryParse would also take "+1", " 1" and "A,B".
        result = default;
        var name = Array.Find(Enum.GetNames<TEnum>(), n => string.Equals(n, value, StringComparison.OrdinalIgnoreCase));
        if (name is null)
        {
            return false;
        }

        result = new EnumChoice<TEnum>(Enum.Parse<TEnum>(name));
        return true;
    }

    public static implicit operator TEnum(EnumChoice<TEnum> choice) => choice.Value;

    public override string ToString() => Value.ToString();
}

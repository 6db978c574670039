namespace TodoDashboard.Infrastructure.Validation;

/// <summary>
/// The one check every string passes before it reaches storage or a query: no NUL (PostgreSQL's text types cannot
/// hold it), no lone surrogate (not Unicode text, so not UTF-8 either), no noncharacter U+FFFE/U+FFFF; and lengths
/// counted as varchar(n) counts them, in code points. JSON bodies pass it in <see cref="PolicyStringConverter"/>,
/// query strings and route values in <see cref="InputPolicyMiddleware"/>, the hand-parsed listings call it themselves.
/// </summary>
public static class InputPolicy
{
    /// <summary>Why <paramref name="value"/> is refused, as a phrase to follow the field's name, or null when it is accepted.</summary>
    public static string? Refusal(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (c == '\0')
            {
                return "contains a NUL character (U+0000), which text cannot hold";
            }
            else if (char.IsSurrogate(c))
            {
                return FormattableString.Invariant($"contains an unpaired surrogate (U+{(int)c:X4}), which is not Unicode text");
            }
            else if (c is '\uFFFE' or '\uFFFF')
            {
                return FormattableString.Invariant($"contains the noncharacter U+{(int)c:X4}");
            }
        }

        return null;
    }

    /// <summary>The message for <paramref name="field"/> when <paramref name="value"/> is refused (also when it is longer than <paramref name="maxLength"/> code points), or null.</summary>
    public static string? Check(string field, string? value, int? maxLength = null)
    {
        if (value is null)
        {
            return null;
        }

        if (Refusal(value) is { } refusal)
        {
            return $"'{field}' {refusal}.";
        }

        return maxLength is { } max && Length(value) > max ? FormattableString.Invariant($"'{field}' is at most {max} characters.") : null;
    }

    /// <summary>The length as PostgreSQL counts it in varchar(n): code points, so an emoji is one, not two UTF-16 units.</summary>
    public static int Length(string value)
    {
        var length = 0;
        foreach (var _ in value.EnumerateRunes())
        {
            length++;
        }

        return length;
    }
}

namespace TodoDashboard.Infrastructure;

/// <summary>
/// LIKE / ILIKE patterns made from what a user typed: its <c>%</c>, <c>_</c> and <c>\</c> match themselves, escaped
/// with <see cref="EscapeCharacter"/> (pass it to <c>EF.Functions.ILike</c>).
/// </summary>
public static class LikePattern
{
    public const string EscapeCharacter = "\\";

    /// <summary>Matches any text that contains <paramref name="text"/>.</summary>
    public static string Containing(string text) => $"%{Escape(text)}%";

    public static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}

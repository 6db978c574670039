using System.Text;

namespace TodoDashboard.Infrastructure.Csv;

/// <summary>
/// Writes RFC 4180 CSV to a <see cref="TextWriter"/>: CRLF line ends, a field quoted when it holds a comma, a quote, CR or LF,
/// quotes inside doubled. A field starting with <c>= + - @</c>, tab or CR gets a leading <c>'</c> so a spreadsheet shows it
/// as text instead of running it as a formula (OWASP, "CSV Injection"). Null writes an empty field.
/// </summary>
public sealed class CsvWriter(TextWriter writer)
{
    private static readonly char[] NeedsQuotes = [',', '"', '\r', '\n'];

    public async Task WriteRowAsync(IEnumerable<string?> fields, CancellationToken ct = default)
    {
        var line = new StringBuilder();
        var first = true;
        foreach (var field in fields)
        {
            if (!first)
            {
                line.Append(',');
            }

            first = false;
            AppendField(line, field);
        }

        line.Append("\r\n");
        await writer.WriteAsync(line, ct);
    }

    /// <summary>One field as it appears in a line: protected against formulas, then quoted if it must be.</summary>
    public static string Field(string? value)
    {
        var text = new StringBuilder();
        AppendField(text, value);
        return text.ToString();
    }

    private static void AppendField(StringBuilder line, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        var text = value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
        if (text.IndexOfAny(NeedsQuotes) < 0)
        {
            line.Append(text);
            return;
        }

        line.Append('"').Append(text.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}

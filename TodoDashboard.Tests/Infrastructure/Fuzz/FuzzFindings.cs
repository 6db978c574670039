using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace TodoDashboard.Tests.Infrastructure.Fuzz;

/// <summary>An answer the fuzz test refuses: a 5xx, an exception or no answer, or a canary that did not answer 200 with JSON.</summary>
public sealed record FuzzFinding(string Kind, string Operation, string Method, string Url, string Body, int? Status, string? Title, string? Cause, string Answer);

/// <summary>Collects findings from concurrent requests and reports them grouped by operation, status and cause.</summary>
public sealed partial class FuzzFindings
{
    private readonly ConcurrentQueue<FuzzFinding> _findings = new();

    public bool IsEmpty => _findings.IsEmpty;

    public void Add(FuzzFinding finding) => _findings.Enqueue(finding);

    public string Report(string header)
    {
        var groups = _findings
            .GroupBy(f => (f.Kind, f.Operation, f.Status, f.Title, Cause: Shorten(Generalized(f.Cause), 220)))
            .OrderBy(g => g.Key.Kind, StringComparer.Ordinal).ThenByDescending(g => g.Count())
            .ToList();
        var report = new StringBuilder(header).AppendLine();
        var causes = _findings
            .GroupBy(f => (f.Kind == "canary" ? "canary" : "request", f.Status, Cause: Generalized(f.Cause ?? f.Title)))
            .OrderByDescending(g => g.Count())
            .ToList();
        report.AppendLine(CultureInfo.InvariantCulture, $"{causes.Count} distinct causes:");
        foreach (var cause in causes)
        {
            var operations = cause.Select(f => f.Operation).Distinct().ToList();
            report.AppendLine(CultureInfo.InvariantCulture,
                $"* [{cause.Count()}x] {cause.Key.Item1} {cause.Key.Status?.ToString(CultureInfo.InvariantCulture) ?? "no answer"}: {Shorten(cause.Key.Cause, 200)}");
            report.AppendLine(CultureInfo.InvariantCulture, $"    on {string.Join(", ", operations.Take(8))}{(operations.Count > 8 ? $" and {operations.Count - 8} more" : "")}");
        }

        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"{_findings.Count} refused answers in {groups.Count} groups (kind, operation, status, title, cause):");
        foreach (var group in groups)
        {
            var example = group.First();
            report.AppendLine(CultureInfo.InvariantCulture,
                $"- [{group.Count()}x] {group.Key.Kind} {group.Key.Operation} -> {group.Key.Status?.ToString(CultureInfo.InvariantCulture) ?? "no answer"} \"{group.Key.Title}\"");
            if (group.Key.Cause is not null)
            {
                report.AppendLine(CultureInfo.InvariantCulture, $"    cause: {group.Key.Cause}");
            }

            report.AppendLine(CultureInfo.InvariantCulture, $"    e.g. {example.Method} {Shorten(example.Url, 160)} body {Shorten(example.Body, 160)}");
            report.AppendLine(CultureInfo.InvariantCulture, $"    answer {Shorten(example.Answer, 240)}");
        }

        return report.ToString();
    }

    /// <summary>The cause without the values it quotes, so one defect is one cause whatever the input was.</summary>
    private static string? Generalized(string? cause) => cause is null ? null : QuotedValue().Replace(cause, "'…'");

    [GeneratedRegex("'[^']*'")]
    private static partial Regex QuotedValue();

    public static string Shorten(string? text, int length)
    {
        if (text is null)
        {
            return "";
        }

        var visible = text.Replace("\0", "\\0", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
        return visible.Length <= length ? visible : string.Concat(visible.AsSpan(0, length), $"...({text.Length} chars)");
    }
}

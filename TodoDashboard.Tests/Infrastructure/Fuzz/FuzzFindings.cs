using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace TodoDashboard.Tests.Infrastructure.Fuzz;

/// <summary>An answer the fuzz test refuses: a 5xx, an exception or no answer, or a canary that did not answer 200 with JSON.</summary>
public sealed record FuzzFinding(string Kind, string Operation, string Method, string Url, string Body, int? Status, string? Title, string? Cause, string Answer);

/// <summary>Collects findings from concurrent requests and reports them grouped by operation, status and cause.</summary>
public sealed class FuzzFindings
{
    private readonly ConcurrentQueue<FuzzFinding> _findings = new();

    public bool IsEmpty => _findings.IsEmpty;

    public void Add(FuzzFinding finding) => _findings.Enqueue(finding);

    public string Report(string header)
    {
        var groups = _findings
            .GroupBy(f => (f.Kind, f.Operation, f.Status, f.Title, Cause: Shorten(f.Cause, 220)))
            .OrderBy(g => g.Key.Kind, StringComparer.Ordinal).ThenByDescending(g => g.Count())
            .ToList();
        var report = new StringBuilder(header).AppendLine();
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

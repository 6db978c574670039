using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;

namespace TodoDashboard.Infrastructure.Csv;

/// <summary>CSV downloads: a header row, then each row as the source yields it, so memory stays one writer buffer deep.</summary>
public static class CsvResults
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static PushStreamHttpResult Attachment<T>(
        HttpResponse response, string fileName, IReadOnlyList<string> header, IAsyncEnumerable<T> rows,
        Func<T, IEnumerable<string?>> fields, CancellationToken ct)
    {
        // Set here rather than through the file name argument, which would add a redundant filename* parameter.
        response.Headers.ContentDisposition = $"attachment; filename={fileName}";
        return TypedResults.Stream(async body =>
        {
            await using var text = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true);
            var csv = new CsvWriter(text);
            await csv.WriteRowAsync(header, ct);
            await foreach (var row in rows.WithCancellation(ct))
            {
                await csv.WriteRowAsync(fields(row), ct);
            }
        }, ContentType);
    }
}

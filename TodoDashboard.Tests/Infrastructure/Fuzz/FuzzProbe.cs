using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace TodoDashboard.Tests.Infrastructure.Fuzz;

/// <summary>
/// Sends the fuzz test's requests and canaries and records every refused answer in <see cref="Findings"/>, with the
/// server's cause from <see cref="ServerErrorLog"/>.
/// </summary>
public sealed class FuzzProbe(ServerErrorLog errors, TimeSpan requestTimeout)
{
    public FuzzFindings Findings { get; } = new();

    /// <summary>A valid POST the test needed that did not succeed: a canary finding.</summary>
    public void AddFailedValidPost(string operation, string url, HttpStatusCode status, string answer)
    {
        var (title, traceId) = ProblemOf(answer);
        Findings.Add(new("canary", $"canary {operation}", "POST", url, "valid body", (int)status, title, errors.CauseOf(traceId), answer));
    }

    public async Task SendAsync(HttpClient client, FuzzRequest request, IReadOnlyDictionary<string, string> targets)
    {
        var url = targets.Aggregate(request.Url, (u, t) => u.Replace(t.Key, t.Value, StringComparison.Ordinal));
        var body = request.Body is null ? null : targets.Aggregate(request.BodyText, (b, t) => b.Replace(t.Key, t.Value, StringComparison.Ordinal));
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), url);
        if (request.Body is not null)
        {
            // Bytes as generated (some are not UTF-8 on purpose); only the race bodies carry placeholders.
            message.Content = new ByteArrayContent(body == request.BodyText ? request.Body : System.Text.Encoding.UTF8.GetBytes(body!));
            message.Content.Headers.ContentType = null;
            if (request.ContentType is { Length: > 0 } contentType)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }
        }

        if (request.IfMatch is not null)
        {
            message.Headers.TryAddWithoutValidation("If-Match", request.IfMatch);
        }

        using var timeout = new CancellationTokenSource(requestTimeout);
        try
        {
            using var response = await client.SendAsync(message, HttpCompletionOption.ResponseContentRead, timeout.Token);
            if ((int)response.StatusCode >= 500)
            {
                var answer = await response.Content.ReadAsStringAsync(CancellationToken.None);
                var (title, traceId) = ProblemOf(answer);
                var sentBody = request.ContentType is null ? body ?? "" : $"({request.ContentType}) {body}";
                Findings.Add(new("5xx", request.Operation, request.Method, url, sentBody, (int)response.StatusCode, title, errors.CauseOf(traceId), answer));
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            Findings.Add(new("no answer", request.Operation, request.Method, url, body ?? "", null, $"no answer within {requestTimeout.TotalSeconds} s", null, ""));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The in-memory server rethrows what escaped the app's pipeline.
            Findings.Add(new("exception", request.Operation, request.Method, url, body ?? "", null, exception.GetType().Name, ServerErrorLog.Describe(exception), ""));
        }
    }

    public async Task CheckCanaryAsync(HttpClient admin, string url, string when)
    {
        var operation = $"canary GET {url.Split('?')[0]}";
        try
        {
            using var response = await admin.GetAsync(url);
            var answer = await response.Content.ReadAsStringAsync();
            var (title, traceId) = ProblemOf(answer);
            if (response.StatusCode != HttpStatusCode.OK || !IsJsonDocument(answer, response.Content.Headers.ContentType))
            {
                Findings.Add(new("canary", operation, "GET", url, when, (int)response.StatusCode, title ?? "not a JSON listing", errors.CauseOf(traceId), answer));
            }
        }
        catch (Exception exception)
        {
            Findings.Add(new("canary", operation, "GET", url, when, null, exception.GetType().Name, ServerErrorLog.Describe(exception), ""));
        }
    }

    private static bool IsJsonDocument(string answer, MediaTypeHeaderValue? contentType)
    {
        if (contentType?.MediaType?.Contains("json", StringComparison.OrdinalIgnoreCase) != true)
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(answer);
            return document.RootElement.ValueKind is JsonValueKind.Object or JsonValueKind.Array;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static (string? Title, string? TraceId) ProblemOf(string answer)
    {
        try
        {
            using var document = JsonDocument.Parse(answer);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }

            return (
                root.TryGetProperty("title", out var title) && title.ValueKind == JsonValueKind.String ? title.GetString() : null,
                root.TryGetProperty("traceId", out var trace) && trace.ValueKind == JsonValueKind.String ? trace.GetString() : null);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }
}

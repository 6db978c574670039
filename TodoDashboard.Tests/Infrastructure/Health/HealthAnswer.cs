using System.Net;

namespace TodoDashboard.Tests.Infrastructure.Health;

/// <summary>What /health/live and /health/ready answer: the overall status and each check's name and status.</summary>
public sealed record HealthAnswer(HttpStatusCode StatusCode, string Status, IReadOnlyDictionary<string, string> Checks, string Body)
{
    public static async Task<HealthAnswer> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        var report = System.Text.Json.JsonSerializer.Deserialize<Report>(body, ApiJson.Options)!;
        return new(response.StatusCode, report.Status, report.Checks.ToDictionary(c => c.Name, c => c.Status), body);
    }

    private sealed record Report(string Status, IReadOnlyList<Check> Checks);

    private sealed record Check(string Name, string Status);
}

using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TodoDashboard.Infrastructure.Auth;

namespace TodoDashboard.Tests.Infrastructure.Fuzz;

/// <summary>
/// Seeded malformed requests to every operation of the app's own OpenAPI document, in bursts: no answer may be a 5xx,
/// and after each burst every listing must still answer a valid request (a failed statement must not poison a pooled
/// connection for the next user). FUZZ_SEED replays another seed; the seed is in the failure message.
/// </summary>
public sealed class MalformedRequestsFuzzTests(FuzzFactory factory) : IClassFixture<FuzzFactory>
{
    private const int DefaultSeed = 20_261_202;
    private const int Bursts = 20;
    private const int RoundRobinPerBurst = 100;
    private const int WeightedPerBurst = 40;
    private const int RaceTargetsPerBurst = 3;
    private const int Parallelism = 8;
    private const int MinimumRequests = 2_000;
    private static readonly TimeSpan TimeBudget = TimeSpan.FromSeconds(65);
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(20);

    private static readonly string[] Canaries =
    [
        "/api/todos", "/api/customers?first_name=Ada", "/api/customers/naive", "/api/shares", "/api/multidb/users", "/api/jobs", "/api/runs", "/api/admin/users",
    ];

    [Fact]
    public async Task Malformed_requests_to_every_documented_operation_never_answer_5xx_and_leave_every_listing_answering()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_SEED"), CultureInfo.InvariantCulture, out var s) ? s : DefaultSeed;
        // An Admin, so that authorization is never what answers; a tenth of the requests go without a token.
        var admin = await factory.CreateUserClientAsync(role: AppRoles.Admin);
        var anonymous = factory.CreateClient();
        var api = OpenApiOperations.Parse(await admin.GetStringAsync("/openapi/v1.json"));
        var cursors = await RealCursorsAsync(admin);
        var requests = new MalformedRequests(api, seed, cursors);
        var probe = new FuzzProbe(factory.Services.GetRequiredService<ServerErrorLog>(), RequestTimeout);

        var account = await factory.CreateUserClientAsync();
        var sent = 0;
        var bursts = 0;
        var clock = Stopwatch.StartNew();
        for (; bursts < Bursts && clock.Elapsed < TimeBudget; bursts++)
        {
            var burst = requests.Burst(bursts * RoundRobinPerBurst, RoundRobinPerBurst, WeightedPerBurst);
            var noTargets = new Dictionary<string, string>();
            var targets = new List<Dictionary<string, string>>();
            for (var t = 0; t < RaceTargetsPerBurst; t++)
            {
                targets.Add(await CreateRaceTargetsAsync(admin, $"{bursts}X{t}", probe));
            }

            // The auth endpoints get a fresh user of their own each burst: what they do to an account (2FA keys, sign-in
            // cookies) must not sign the admin out.
            account = await AccountClientAsync(probe) ?? account;
            var races = targets.SelectMany(t => MalformedRequests.Races().Select(r => probe.SendAsync(admin, r, t))).ToList();
            using var gate = new SemaphoreSlim(Parallelism);
            var work = new List<Func<Task>>();
            for (var i = 0; i < burst.Count; i++)
            {
                var request = burst[i];
                var client = request.Anonymous ? anonymous : request.Url.StartsWith("/api/auth/", StringComparison.Ordinal) ? account : admin;
                var target = targets[i % targets.Count];
                work.Add(() => probe.SendAsync(client, request, target));
                if (i % 6 == 5)
                {
                    // Valid listings among the malformed requests: a connection a failed statement broke shows up here.
                    var canary = Canaries[i / 6 % Canaries.Length];
                    var after = bursts;
                    work.Add(() => probe.CheckCanaryAsync(admin, canary, $"within burst {after}"));
                }
            }

            var fuzz = work.Select(async next =>
            {
                await gate.WaitAsync();
                try
                {
                    await next();
                }
                finally
                {
                    gate.Release();
                }
            });
            await Task.WhenAll(races.Concat(fuzz));
            sent += burst.Count + races.Count;

            foreach (var canary in Canaries)
            {
                await probe.CheckCanaryAsync(admin, canary, $"after burst {bursts}");
            }
        }

        var header = string.Create(CultureInfo.InvariantCulture,
            $"Seed {seed} (set FUZZ_SEED to replay another): {sent} requests in {bursts} bursts to {api.Operations.Count} operations in {clock.Elapsed.TotalSeconds:0.0} s.");
        Assert.True(probe.Findings.IsEmpty, probe.Findings.Report(header));
        Assert.True(sent >= MinimumRequests, $"{header} Only {sent} requests went out within {TimeBudget.TotalSeconds} s; at least {MinimumRequests} must.");
    }

    /// <summary>Customers named Ada (so the canary finds some), and cursors from their listing to tamper with.</summary>
    private static async Task<IReadOnlyList<string>> RealCursorsAsync(HttpClient admin)
    {
        for (var i = 0; i < 3; i++)
        {
            var created = await admin.PostAsJsonAsync("/api/customers", new { firstName = "Ada", lastName = $"Seed{i}", customerId = $"FUZZSEED{i}" });
            created.EnsureSuccessStatusCode();
        }

        var cursors = new List<string>();
        foreach (var url in new[] { "/api/customers?page_size=1", "/api/customers?page_size=1&first_name=Ada&sort_by=last_name" })
        {
            using var page = JsonDocument.Parse(await admin.GetStringAsync(url));
            if (page.RootElement.TryGetProperty("next", out var next) && next.ValueKind == JsonValueKind.String)
            {
                cursors.Add(next.GetString()!);
            }
        }

        return cursors;
    }

    /// <summary>A new user signed in through valid requests, or null (and a finding) when either fails.</summary>
    private async Task<HttpClient?> AccountClientAsync(FuzzProbe probe)
    {
        var email = ApiClientExtensions.NewEmail();
        var client = factory.CreateClient();
        foreach (var step in new[] { "register", "login" })
        {
            var response = await client.PostAsJsonAsync($"/api/auth/{step}", new { email, password = ApiClientExtensions.Password });
            var answer = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
            {
                probe.AddFailedValidPost($"POST /api/auth/{step}", $"/api/auth/{step}", response.StatusCode, answer);
                return null;
            }

            if (step == "login")
            {
                using var tokens = JsonDocument.Parse(answer);
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.RootElement.GetProperty("accessToken").GetString());
            }
        }

        return client;
    }

    /// <summary>A fresh todo and customer for the burst's races, created through valid requests.</summary>
    private static async Task<Dictionary<string, string>> CreateRaceTargetsAsync(HttpClient admin, string name, FuzzProbe probe)
    {
        var code = $"FUZZRACE{name}";
        var todo = await admin.PostAsJsonAsync("/api/todos", new { title = $"race {name}" });
        var customer = await admin.PostAsJsonAsync("/api/customers", new { firstName = "Ada", lastName = "Race", customerId = code });
        return new Dictionary<string, string>
        {
            [MalformedRequests.TodoId] = await IdOfAsync(todo, "POST /api/todos", probe),
            [MalformedRequests.CustomerId] = await IdOfAsync(customer, "POST /api/customers", probe),
            [MalformedRequests.CustomerCode] = code,
        };
    }

    private static async Task<string> IdOfAsync(HttpResponseMessage created, string operation, FuzzProbe probe)
    {
        var answer = await created.Content.ReadAsStringAsync();
        if (!created.IsSuccessStatusCode)
        {
            // A valid create that fails is a canary too.
            probe.AddFailedValidPost(operation, operation, created.StatusCode, answer);
            return "1";
        }

        using var body = JsonDocument.Parse(answer);
        return body.RootElement.GetProperty("id").GetRawText();
    }
}

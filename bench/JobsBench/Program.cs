using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using System.Text.Json;

// The measuring client of bench/jobs.sh (see bench/README.md). Commands:
//   follow   --url U --token T (--items N | --job ID) [--wait-done K] [--skip S] [--samples M] [--out CSV]
//            starts a job (with --items) or attaches to one (--job), reads its Server-Sent Events and writes one
//            "number,received_at" line per item event, the receive time taken on this machine's UTC clock as the
//            "data:" line arrives; the first S item events are a warm-up and not kept, and it stops after M kept
//            ones or when the job ends. With --wait-done it stops once done >= K and prints the job id instead.
//   circuits --url U --pid P --token T --email E --password W [--pages 20] [--state FILE] [--hold SECONDS]
//            logs in through the login form once, then opens that many /jobs pages watching the user's running job and
//            prints the app's RSS and managed heap (after a forced GC, through the diagnostics endpoint as the Admin
//            whose bearer token T is) before and after.
//   failover --url PROXY --state FILE --access-log LOG --instances PORT=PID,... [--email E --password W]
//            (bench/cluster.sh) opens /jobs signed in through the proxy, kills the instance the proxy's access log says
//            served it, and prints that port and the milliseconds until the page is interactive again (FailoverCommand).
using var stop = new CancellationTokenSource();
using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.Cancel();
});
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

var options = Options.Parse(args.Skip(1));
try
{
    return args.FirstOrDefault() switch
    {
        "follow" => await Commands.FollowAsync(options, stop.Token),
        "circuits" => await CircuitsCommand.RunAsync(options, stop.Token),
        "failover" => await FailoverCommand.RunAsync(options, stop.Token),
        _ => Usage(),
    };
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    Console.Error.WriteLine("Stopped.");
    return 130;
}

static int Usage()
{
    Console.Error.WriteLine("usage: JobsBench follow|circuits|failover --option value ...");
    return 2;
}

internal sealed class Options(Dictionary<string, string> values)
{
    public static Options Parse(IEnumerable<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        string? key = null;
        foreach (var arg in args)
        {
            if (key is null)
            {
                key = arg.StartsWith("--", StringComparison.Ordinal) ? arg[2..] : throw new ArgumentException($"Unexpected argument {arg}.");
            }
            else
            {
                values[key] = arg;
                key = null;
            }
        }

        return key is null ? new Options(values) : throw new ArgumentException($"--{key} needs a value.");
    }

    public string Required(string key) => values.TryGetValue(key, out var value) ? value : throw new ArgumentException($"--{key} is required.");

    public string? Optional(string key) => values.GetValueOrDefault(key);

    public int Int(string key, int fallback) => values.TryGetValue(key, out var value) ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;
}

internal static class Commands
{
    public static async Task<int> FollowAsync(Options options, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = new Uri(options.Required("url")), Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.Required("token"));
        var waitDone = options.Int("wait-done", int.MaxValue);
        var skip = options.Int("skip", 0);
        var wanted = options.Int("samples", int.MaxValue);

        string jobId;
        if (options.Optional("items") is { } items)
        {
            using var started = await http.PostAsJsonAsync("/api/jobs", new { items = int.Parse(items, CultureInfo.InvariantCulture) }, ct);
            if (started.StatusCode != System.Net.HttpStatusCode.Accepted)
            {
                throw new InvalidOperationException($"POST /api/jobs answered {(int)started.StatusCode}: {await started.Content.ReadAsStringAsync(ct)}");
            }

            using var body = JsonDocument.Parse(await started.Content.ReadAsStringAsync(ct));
            jobId = body.RootElement.GetProperty("id").GetString()!;
        }
        else
        {
            jobId = options.Required("job");
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/jobs/{jobId}/events");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(ct));

        // The first event is the state read when the stream opened, not a pushed change: it is not a sample.
        var samples = new List<(int Number, DateTime ReceivedAt)>();
        var first = true;
        var lastDone = -1;
        var events = 0;
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (!line.StartsWith("data:", StringComparison.Ordinal))
            {
                continue;
            }

            var receivedAt = DateTime.UtcNow;
            using var state = JsonDocument.Parse(line.AsMemory(5));
            var done = state.RootElement.GetProperty("done").GetInt32();
            var active = state.RootElement.GetProperty("isActive").GetBoolean();
            if (!first && done > lastDone && ++events > skip)
            {
                samples.Add((done, receivedAt));
            }

            first = false;
            lastDone = Math.Max(lastDone, done);
            if (done >= waitDone)
            {
                Console.WriteLine(jobId);
                return 0;
            }

            if (!active || samples.Count >= wanted)
            {
                break;
            }
        }

        if (options.Optional("out") is { } path)
        {
            await File.WriteAllLinesAsync(path, samples.Select(s =>
                $"{s.Number},{s.ReceivedAt.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture)}"), ct);
        }

        Console.WriteLine($"{jobId} {samples.Count}");
        return 0;
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Playwright;

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
        "circuits" => await Commands.CircuitsAsync(options, stop.Token),
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

    public static async Task<int> CircuitsAsync(Options options, CancellationToken ct)
    {
        var baseUrl = options.Required("url");
        var pid = int.Parse(options.Required("pid"), CultureInfo.InvariantCulture);
        var pages = options.Int("pages", 20);
        var statePath = options.Optional("state") ?? Path.Combine(Path.GetTempPath(), $"jobsbench-state-{Environment.ProcessId}.json");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        ct.Register(() => _ = browser.CloseAsync());

        // Log in once through the real form; every page after that reuses the cookies.
        await Browser.SignInAsync(browser, baseUrl, options.Required("email"), options.Required("password"), statePath);

        await using var context = await browser.NewContextAsync(new() { BaseURL = baseUrl, StorageStatePath = statePath });

        // Warm-up: one /jobs page first, so the first-render costs (JIT, caches) fall before the baseline.
        var warmup = await context.NewPageAsync();
        await OpenJobsPageAsync(warmup);
        await warmup.CloseAsync(new() { RunBeforeUnload = true });

        await SettleAsync(baseUrl, ct);
        var token = options.Required("token");
        var heapBefore = await MemoryAsync(baseUrl, token, ct);
        var before = RssKiB(pid);
        Console.WriteLine($"rss_before_kib {before}");
        Console.WriteLine($"managed_before_bytes {heapBefore.GetProperty("managedBytes").GetInt64()}");
        Console.WriteLine($"circuits_before {heapBefore.GetProperty("circuitsOpen").GetInt32()}");

        var opened = new List<(IPage Page, string Done)>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < pages; i++)
        {
            ct.ThrowIfCancellationRequested();
            var page = await context.NewPageAsync();
            try
            {
                opened.Add((page, await OpenJobsPageAsync(page)));
            }
            catch (TimeoutException)
            {
                var shot = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(statePath))!, $"page-{i + 1}-timeout.png");
                await page.ScreenshotAsync(new() { Path = shot, FullPage = true });
                Console.Error.WriteLine($"Page {i + 1} did not show a live update in time; screenshot: {shot}");
                throw;
            }

            Console.Error.WriteLine($"page {i + 1} live after {clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s");
        }

        Console.WriteLine($"open_seconds {clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)}");

        // Every page must see the done counter move again after the last one opened: live updates reached them all.
        var live = 0;
        foreach (var (page, openedWith) in opened)
        {
            var now = await DoneTextAsync(page);
            if (now == openedWith)
            {
                try
                {
                    await page.WaitForFunctionAsync(
                        "previous => document.querySelector('[data-testid=job-done]')?.textContent?.trim() !== previous",
                        openedWith, new() { Timeout = 15_000 });
                    now = await DoneTextAsync(page);
                }
                catch (TimeoutException)
                {
                }
            }

            if (now != openedWith)
            {
                live++;
            }
        }

        Console.WriteLine($"pages_live {live}");
        await SettleAsync(baseUrl, ct);
        var heapAfter = await MemoryAsync(baseUrl, token, ct);
        var after = RssKiB(pid);
        Console.WriteLine($"rss_after_kib {after}");
        Console.WriteLine($"managed_after_bytes {heapAfter.GetProperty("managedBytes").GetInt64()}");
        Console.WriteLine($"circuits_after {heapAfter.GetProperty("circuitsOpen").GetInt32()}");
        Console.WriteLine($"pages {pages}");

        // --hold SECONDS keeps the pages open that long before closing them (time to take a heap dump of the app).
        if (options.Int("hold", 0) is > 0 and var hold)
        {
            Console.Out.Flush();
            await Task.Delay(TimeSpan.FromSeconds(hold), ct);
        }

        foreach (var (page, _) in opened)
        {
            await page.CloseAsync(new() { RunBeforeUnload = true });
        }

        File.Delete(statePath);
        return live == pages ? 0 : 1;
    }

    /// <summary>Opens /jobs, waits for the circuit and for the job's done counter to change once; returns the counter's text.</summary>
    private static async Task<string> OpenJobsPageAsync(IPage page)
    {
        await page.GotoAsync("/jobs");
        await Browser.WaitForCircuitAsync(page);
        var done = page.GetByTestId("job-done");
        await done.WaitForAsync(new() { Timeout = 30_000 });
        var first = await DoneTextAsync(page);
        await page.WaitForFunctionAsync(
            "previous => document.querySelector('[data-testid=job-done]')?.textContent?.trim() !== previous",
            first, new() { Timeout = 30_000 });
        return await DoneTextAsync(page);
    }

    private static async Task<string> DoneTextAsync(IPage page) =>
        (await page.GetByTestId("job-done").TextContentAsync())?.Trim() ?? "";

    /// <summary>A few requests through the app, then a pause, so the RSS read does not catch work in flight.</summary>
    private static async Task SettleAsync(string baseUrl, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        for (var i = 0; i < 5; i++)
        {
            (await http.GetAsync("/health/ready", ct)).Dispose();
        }

        await Task.Delay(TimeSpan.FromSeconds(3), ct);
    }

    /// <summary>The app's memory after a forced full collection (its Development-only diagnostics endpoint, as an Admin).</summary>
    private static async Task<JsonElement> MemoryAsync(string baseUrl, string token, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.GetAsync("/api/operations/diagnostics/memory", ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).Clone();
    }

    private static long RssKiB(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }
}

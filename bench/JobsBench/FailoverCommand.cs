using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;

/// <summary>
/// JobsBench failover: one failover of a signed-in /jobs page behind the proxy. Opens the page, reads from the proxy's
/// access log which instance served it, SIGKILLs that instance, and times how long until the page is interactive
/// again: the reconnect reaches another instance (nginx walks the hash ring), which does not know the circuit, so the
/// page reloads there and a new circuit renders the circuit-ready marker. Prints "PORT MS".
/// </summary>
internal static class FailoverCommand
{
    public static async Task<int> RunAsync(Options options, CancellationToken ct)
    {
        var baseUrl = options.Required("url");
        var statePath = options.Required("state");
        var accessLog = options.Required("access-log");
        // "port=pid,port=pid": the instances behind the proxy, as the bench started them.
        var instances = options.Required("instances").Split(',')
            .Select(pair => pair.Split('='))
            .ToDictionary(pair => pair[0], pair => int.Parse(pair[1], CultureInfo.InvariantCulture));

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Browser.LaunchAsync(playwright);
        ct.Register(() => _ = browser.CloseAsync());
        if (!File.Exists(statePath))
        {
            await Browser.SignInAsync(browser, baseUrl, options.Required("email"), options.Required("password"), statePath);
        }

        await using var context = await browser.NewContextAsync(new() { BaseURL = baseUrl, StorageStatePath = statePath });
        var page = await context.NewPageAsync();
        var logStart = new FileInfo(accessLog).Length;
        await page.GotoAsync("/jobs");
        await Browser.WaitForCircuitAsync(page);
        var port = await ServingPortAsync(accessLog, logStart, ct);
        if (!instances.TryGetValue(port, out var pid))
        {
            throw new InvalidOperationException($"The proxy sent the page to port {port}, which is none of the instances given.");
        }

        // The old document keeps its marker after the circuit dies: the new one is told apart by this flag's absence.
        await page.EvaluateAsync("() => window.failoverMark = true");
        var clock = Stopwatch.StartNew();
        using (var instance = Process.GetProcessById(pid))
        {
            instance.Kill();
        }

        while (!await LiveAgainAsync(page))
        {
            ct.ThrowIfCancellationRequested();
            if (clock.Elapsed > TimeSpan.FromMinutes(2))
            {
                await page.ScreenshotAsync(new() { Path = Path.ChangeExtension(statePath, ".failover-timeout.png"), FullPage = true });
                throw new TimeoutException("The page was not interactive again within 2 minutes of the kill.");
            }

            await Task.Delay(20, ct);
        }

        Console.WriteLine($"{port} {clock.Elapsed.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)}");
        await context.StorageStateAsync(new() { Path = statePath });
        return 0;
    }

    /// <summary>A new document (the flag is gone) whose circuit is up; false while the page is between documents.</summary>
    private static async Task<bool> LiveAgainAsync(IPage page)
    {
        try
        {
            return await page.EvaluateAsync<bool>(
                "() => !window.failoverMark && document.querySelector('[data-testid=circuit-ready]') !== null");
        }
        catch (PlaywrightException)
        {
            return false;
        }
    }

    /// <summary>
    /// The upstream port of the last page or circuit request logged since <paramref name="offset"/>, in the bench's
    /// format "$msec | $upstream_addr | $status | $request" (a retried request lists every address it tried, the last answered).
    /// </summary>
    private static async Task<string> ServingPortAsync(string accessLog, long offset, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            await using var stream = new FileStream(accessLog, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            stream.Seek(offset, SeekOrigin.Begin);
            using var reader = new StreamReader(stream);
            var served = (await reader.ReadToEndAsync(ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(line => line.Split(" | "))
                .LastOrDefault(fields => fields.Length == 4 && (fields[3].StartsWith("GET /jobs ", StringComparison.Ordinal)
                    || fields[3].StartsWith("POST /_blazor/negotiate", StringComparison.Ordinal)));
            if (served is not null)
            {
                var upstream = served[1].Split(", ")[^1];
                return upstream[(upstream.LastIndexOf(':') + 1)..];
            }

            await Task.Delay(100, ct);
        }

        throw new InvalidOperationException($"No page or circuit request in {accessLog} since the page was opened.");
    }
}

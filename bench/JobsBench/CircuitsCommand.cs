using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

/// <summary>
/// JobsBench circuits: signs in through the login form once, opens that many /jobs pages watching the user's running
/// job, checks each sees live updates, and prints the app's RSS and managed heap (after a forced GC, through the
/// Development-only diagnostics endpoint as an Admin) before and after.
/// </summary>
internal static class CircuitsCommand
{
    public static async Task<int> RunAsync(Options options, CancellationToken ct)
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

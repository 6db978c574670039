using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace TodoDashboard.Tests.Harness;

/// <summary>
/// The app as a separate operating-system process, built by the same build as the tests, so a test can kill it
/// outright the way a crash would, which an in-process host cannot imitate.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;

    private AppProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>The operating system's id of the process (what the instance publishes as its pid).</summary>
    public int ProcessId => _process.Id;

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output = new();

    /// <summary>The last lines the process wrote (its log), for a failing test's message.</summary>
    public string RecentOutput => string.Join(Environment.NewLine, _output);

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 200 && _output.TryDequeue(out _))
        {
        }
    }

    /// <param name="settings">Configuration beyond <see cref="TestSettings.Fast"/> ("Runs:EnableNoOpKind" = "true").</param>
    public static async Task<AppProcess> StartAsync(string connectionString, IReadOnlyDictionary<string, string>? settings = null)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = StartInfo(connectionString, settings);
        start.Environment["ASPNETCORE_URLS"] = address.ToString();
        var process = Process.Start(start)!;
        var app = new AppProcess(process, address);
        process.OutputDataReceived += (_, line) => app.Keep(line.Data);
        process.ErrorDataReceived += (_, line) => app.Keep(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        await app.WaitUntilHealthyAsync();
        return app;
    }

    /// <summary>Runs the app as a one-off command (e.g. <c>insert-data</c>) and returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunCommandAsync(string connectionString, params string[] args)
    {
        var start = StartInfo(connectionString);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await errors);
    }

    private static ProcessStartInfo StartInfo(string connectionString, IReadOnlyDictionary<string, string>? settings = null)
    {
        var appDirectory = AppBuildDirectory();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = appDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(appDirectory, "TodoDashboard.dll"));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ConnectionStrings__DefaultConnection"] = connectionString;
        foreach (var (key, value) in TestSettings.Fast.Concat(settings ?? new Dictionary<string, string>()))
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return start;
    }

    public HttpClient CreateClient() => new() { BaseAddress = Address };

    /// <summary>SIGKILL: no shutdown, no cleanup, exactly like a crash.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>SIGTERM, as a rolling deploy or <c>docker stop</c> sends: the app shuts down gracefully; waits for it to exit.</summary>
    public async Task StopAsync()
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new InvalidOperationException($"The app at {Address} did not stop within 60 s of SIGTERM. Its last output:{Environment.NewLine}{RecentOutput}");
        }
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var client = CreateClient();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !_process.HasExited)
        {
            try
            {
                if ((await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new InvalidOperationException($"The app process at {Address} did not become healthy.");
    }

    private static string AppBuildDirectory()
    {
        // The tests run from TodoDashboard.Tests/bin/<Configuration>/net10.0; the app is built beside them.
        var testDirectory = new DirectoryInfo(AppContext.BaseDirectory);
        var framework = testDirectory.Name;
        var configuration = testDirectory.Parent!.Name;
        var root = testDirectory.Parent.Parent!.Parent!.Parent!.FullName;
        return Path.Combine(root, "TodoDashboard", "bin", configuration, framework);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

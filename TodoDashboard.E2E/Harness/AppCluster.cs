using System.Diagnostics;
using System.Net;
using TodoDashboard.Tests.Harness;

namespace TodoDashboard.E2E.Harness;

/// <summary>
/// The app the way <c>./run.sh --instances N</c> runs it: N operating-system processes on one database and one Redis,
/// behind Debian's nginx with sticky sessions (scripts/nginx.sh, deploy/nginx), so a test can kill -9 one of them.
/// </summary>
public sealed class AppCluster(string adminEmail, int instances = 3) : IAppServer
{
    private readonly List<AppProcess> _instances = [];
    private readonly string _directory = Directory.CreateTempSubdirectory("todo-cluster-").FullName;
    private (string Server, string App) _database;
    private Process? _nginx;

    public IReadOnlyList<AppProcess> Instances => _instances;

    /// <summary>The database every instance shares.</summary>
    public string ConnectionString => _database.App;

    public async Task<Uri> StartAsync()
    {
        _database = E2EDatabase.NewConnectionStrings();
        var redis = Environment.GetEnvironmentVariable("TODO_DASHBOARD_TEST_REDIS")
            ?? throw new InvalidOperationException("Set TODO_DASHBOARD_TEST_REDIS to a Redis (./test.sh does): the instances share circuits and pages through it.");
        var settings = new Dictionary<string, string>(E2EDatabase.Settings(adminEmail))
        {
            ["ConnectionStrings:Redis"] = redis,
            ["Redis:InstanceName"] = $"TodoDashboard-e2e-{Guid.NewGuid():N}:",
        };

        // One after the other, as scripts/cluster.sh does: the first applies the migrations.
        for (var i = 0; i < instances; i++)
        {
            _instances.Add(await AppProcess.StartAsync(_database.App, settings));
        }

        var port = AppProcess.FreePort();
        await WriteNginxConfigAsync(port);
        _nginx = Process.Start(new ProcessStartInfo(NginxBinary(), ["-p", _directory, "-e", Path.Combine(_directory, "error.log"),
            "-c", Path.Combine(_directory, "nginx.conf"), "-g", "daemon off;"]))!;
        var address = new Uri($"http://127.0.0.1:{port}");
        await WaitForProxyAsync(address);
        return address;
    }

    /// <summary>
    /// The instance nginx sends this browser to: the upstream that answered the last request carrying the page's affinity
    /// cookie (nginx logs "affinity upstream status uri").
    /// </summary>
    public async Task<AppProcess> ServingAsync(IPage page)
    {
        var cookies = await page.Context.CookiesAsync();
        var affinity = cookies.Single(c => c.Name == "td_affinity").Value;
        var log = await File.ReadAllLinesAsync(Path.Combine(_directory, "access.log"));
        var served = log.Select(line => line.Split(' '))
            .Where(fields => fields.Length >= 3 && fields[0] == affinity && fields[^3] != "-")
            .ToList();
        // nginx logs a request when it ends, and a circuit's WebSocket ends late: the old one closes when its instance
        // exits, after the page has already negotiated its new circuit elsewhere. The latest negotiation names the
        // instance serving the page now.
        var negotiations = served.Where(fields => fields[^1].StartsWith("/_blazor/negotiate", StringComparison.Ordinal)).ToList();
        var upstream = (negotiations.Count > 0 ? negotiations : served).Last()[^3].TrimEnd(',');
        var port = new Uri($"http://{upstream}").Port;
        return _instances.Single(instance => instance.Address.Port == port);
    }

    public async ValueTask DisposeAsync()
    {
        if (_nginx is { HasExited: false })
        {
            _nginx.Kill();
            await _nginx.WaitForExitAsync();
        }

        _nginx?.Dispose();
        foreach (var instance in _instances)
        {
            await instance.DisposeAsync();
        }

        if (_database.Server is not null)
        {
            await E2EDatabase.DropAsync(_database.Server, _database.App);
        }

        Directory.Delete(_directory, recursive: true);
    }

    private async Task WriteNginxConfigAsync(int port)
    {
        var write = new ProcessStartInfo("bash") { RedirectStandardError = true };
        write.ArgumentList.Add("-c");
        write.ArgumentList.Add("source \"$1\" && write_nginx_conf \"$2\" \"$3\" \"${@:4}\"");
        write.ArgumentList.Add("bash");
        write.ArgumentList.Add(Path.Combine(RepositoryRoot(), "scripts", "nginx.sh"));
        write.ArgumentList.Add(_directory);
        write.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var instance in _instances)
        {
            write.ArgumentList.Add(instance.Address.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        // Which instance served each browser (ServingAsync reads it): "affinity upstream status uri".
        var logConfig = Path.Combine(_directory, "access.conf");
        await File.WriteAllTextAsync(logConfig, $$"""
            log_format td_upstream '$td_affinity $upstream_addr $status $request_uri';
            access_log {{Path.Combine(_directory, "access.log")}} td_upstream;
            """);
        write.Environment["NGINX_HTTP_INCLUDE"] = logConfig;
        using var process = Process.Start(write)!;
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"scripts/nginx.sh could not write the proxy's configuration: {errors}");
        }
    }

    private async Task WaitForProxyAsync(Uri address)
    {
        using var client = new HttpClient { BaseAddress = address };
        for (var attempt = 0; attempt < 100 && !_nginx!.HasExited; attempt++)
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
                // nginx is not listening yet.
            }

            await Task.Delay(100);
        }

        var log = Path.Combine(_directory, "error.log");
        throw new InvalidOperationException($"nginx did not come up: {(File.Exists(log) ? await File.ReadAllTextAsync(log) : "no log")}");
    }

    // test.sh installs Debian's nginx when missing (scripts/nginx.sh, ensure_nginx) and exports NGINX_BIN.
    private static string NginxBinary() =>
        Environment.GetEnvironmentVariable("NGINX_BIN") is { Length: > 0 } path ? path : "/usr/sbin/nginx";

    private static string RepositoryRoot()
    {
        // The tests run from TodoDashboard.E2E/bin/<Configuration>/net10.0.
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "TodoDashboard.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("TodoDashboard.sln not found above the test directory.");
    }
}

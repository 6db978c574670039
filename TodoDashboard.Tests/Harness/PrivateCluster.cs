using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace TodoDashboard.Tests.Harness;

/// <summary>
/// A PostgreSQL cluster of a test's own (initdb into a temporary folder, a free port, no fsync), for faults that
/// would hurt every other test on the shared test cluster: restarting or stopping the server. Uses the newest server
/// under /usr/lib/postgresql, as scripts/postgres.sh does; as root, runs it as the postgres user.
/// </summary>
public sealed class PrivateCluster : IDisposable
{
    private readonly string _bin;
    private readonly string _data;

    private PrivateCluster(string bin, string data, int port) => (_bin, _data, Port) = (bin, data, port);

    public int Port { get; }

    public string ServerConnectionString => $"Host=127.0.0.1;Port={Port};Database=postgres;Username=postgres";

    public static PrivateCluster Start()
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql")
            .Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "initdb")))
            .OrderBy(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
            .LastOrDefault() ?? throw new InvalidOperationException("No PostgreSQL server under /usr/lib/postgresql (./test.sh installs one).");
        var data = Path.Combine(Path.GetTempPath(), $"td-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(data);
        if (IsRoot)
        {
            Run("chown", "postgres", data);
        }

        var cluster = new PrivateCluster(bin, data, FreePort());
        cluster.AsServer("initdb", "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8");
        File.AppendAllText(Path.Combine(data, "postgresql.conf"), $"""

            listen_addresses = '127.0.0.1'
            port = {cluster.Port}
            unix_socket_directories = '/tmp'
            max_connections = 200
            fsync = off
            synchronous_commit = off
            full_page_writes = off
            """);
        cluster.StartServer();
        return cluster;
    }

    public void StartServer() => AsServer("pg_ctl", "-D", _data, "-l", Path.Combine(_data, "server.log"), "-w", "-t", "60", "start");

    /// <summary>A fast restart (<c>pg_ctl restart -m fast</c>): every session is terminated, and the server is back once this returns.</summary>
    public void Restart() => AsServer("pg_ctl", "-D", _data, "-l", Path.Combine(_data, "server.log"), "-m", "fast", "-w", "-t", "60", "restart");

    public void Dispose()
    {
        try
        {
            AsServer("pg_ctl", "-D", _data, "-m", "immediate", "-w", "stop");
        }
        finally
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    private static bool IsRoot => Environment.UserName == "root";

    private void AsServer(string program, params string[] arguments)
    {
        var path = Path.Combine(_bin, program);
        if (IsRoot)
        {
            Run("runuser", ["-u", "postgres", "--", path, .. arguments]);
        }
        else
        {
            Run(path, arguments);
        }
    }

    private static void Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited {process.ExitCode}: {errors.Result}{output.Result}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

using System.Diagnostics;
using System.Text.RegularExpressions;

namespace TodoDashboard.Tests.Deploy;

/// <summary>
/// docker-compose.yml's proxy (deploy/nginx/compose.conf) as far as it can be checked without a Docker engine: the files
/// it includes are the ones the proxy service mounts, the app publishes no port of its own (so it can be scaled), and
/// Debian's nginx accepts the configuration once the container's paths and Docker's DNS are swapped for local ones.
/// </summary>
[Trait("Category", "Unit")]
public partial class ComposeProxyConfigTests
{
    private static readonly string Root = RepositoryRoot();
    private static readonly string ComposeConf = File.ReadAllText(Path.Combine(Root, "deploy", "nginx", "compose.conf"));
    private static readonly string[] TempPaths = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"];
    private static readonly string Compose = File.ReadAllText(Path.Combine(Root, "docker-compose.yml"));

    [Fact]
    public void The_proxy_config_includes_only_files_the_proxy_service_mounts_from_deploy_nginx()
    {
        var mounts = MountRegex().Matches(Service("proxy")).ToDictionary(m => m.Groups["target"].Value, m => m.Groups["source"].Value);
        var includes = IncludeRegex().Matches(ComposeConf).Select(m => m.Groups["path"].Value).ToList();

        Assert.Equal("./deploy/nginx/compose.conf", mounts["/etc/nginx/conf.d/default.conf"]);
        Assert.Equal(["/etc/nginx/todo-dashboard/affinity.conf", "/etc/nginx/todo-dashboard/proxy.conf"], includes);
        Assert.All(includes, include => Assert.True(mounts.ContainsKey(include), $"{include} is not mounted into the proxy"));
        Assert.All(mounts.Values, source => Assert.True(File.Exists(Path.Combine(Root, source)), $"{source} does not exist"));
    }

    [Fact]
    public void The_app_publishes_no_host_port_and_trusts_forwarded_headers_from_the_compose_network_only()
    {
        var app = Service("app");
        var subnet = SubnetRegex().Match(Compose);
        var known = KnownNetworkRegex().Match(app);

        Assert.DoesNotContain("ports:", app, StringComparison.Ordinal);
        Assert.Contains("\"127.0.0.1:5000:80\"", Service("proxy"), StringComparison.Ordinal);
        Assert.True(subnet.Success, "the default network names no subnet");
        Assert.Equal(subnet.Groups["value"].Value, known.Groups["value"].Value);
        Assert.Matches(@"server app:(\d+) resolve", ComposeConf);
        var appPort = Regex.Match(File.ReadAllText(Path.Combine(Root, "Dockerfile")), @"ASPNETCORE_HTTP_PORTS=(\d+)").Groups[1].Value;
        Assert.Equal(appPort, Regex.Match(ComposeConf, @"server app:(\d+)").Groups[1].Value);
    }

    [Fact]
    public async Task Nginx_accepts_the_proxy_config_with_local_paths_in_place_of_the_containers()
    {
        var nginx = Environment.GetEnvironmentVariable("NGINX_BIN") is { Length: > 0 } bin ? bin : "/usr/sbin/nginx";
        Assert.True(File.Exists(nginx), $"nginx not found at {nginx} (./test.sh installs it; set NGINX_BIN)");
        var directory = Directory.CreateTempSubdirectory("compose-proxy-");
        try
        {
            // Debian's nginx (1.22) predates the upstream `resolve` parameter (1.27.3) and has no Docker DNS to ask.
            var local = ComposeConf
                .Replace("/etc/nginx/todo-dashboard/", Path.Combine(Root, "deploy", "nginx") + "/", StringComparison.Ordinal)
                .Replace("server app:8080 resolve", "server 127.0.0.1:8080", StringComparison.Ordinal)
                .Replace("listen 80;", "listen 127.0.0.1:8079;", StringComparison.Ordinal);
            Assert.DoesNotContain(" resolve ", local, StringComparison.Ordinal);
            var temp = string.Join('\n', TempPaths.Select(t => $"{t}_temp_path {directory.FullName}/{t};"));
            await File.WriteAllTextAsync(Path.Combine(directory.FullName, "nginx.conf"),
                $"pid {directory.FullName}/nginx.pid;\nevents {{}}\nhttp {{\n{temp}\n{local}\n}}\n");

            var start = new ProcessStartInfo(nginx) { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var arg in new[] { "-t", "-p", directory.FullName, "-e", $"{directory.FullName}/error.log", "-c", $"{directory.FullName}/nginx.conf" })
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start)!;
            var output = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();

            Assert.True(process.ExitCode == 0, output);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>A top-level service's block of docker-compose.yml: its line and every more deeply indented line after it.</summary>
    private static string Service(string name)
    {
        var lines = Compose.Split('\n');
        var start = Array.IndexOf(lines, $"  {name}:");
        Assert.True(start >= 0, $"docker-compose.yml has no service {name}");
        var block = lines.Skip(start + 1).TakeWhile(line => line.Length == 0 || line.StartsWith("   ", StringComparison.Ordinal) || line.TrimStart().StartsWith('#'));
        return string.Join('\n', block);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "docker-compose.yml")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("No docker-compose.yml above the test's directory.");
    }

    [GeneratedRegex(@"^\s+- (?<source>\./[^:\s]+):(?<target>/[^:\s]+):ro\s*$", RegexOptions.Multiline)]
    private static partial Regex MountRegex();

    [GeneratedRegex(@"^\s*include (?<path>[^;]+);", RegexOptions.Multiline)]
    private static partial Regex IncludeRegex();

    [GeneratedRegex(@"- subnet: ""(?<value>[^""]+)""")]
    private static partial Regex SubnetRegex();

    [GeneratedRegex(@"ForwardedHeaders__KnownNetworks__0: ""(?<value>[^""]+)""")]
    private static partial Regex KnownNetworkRegex();
}

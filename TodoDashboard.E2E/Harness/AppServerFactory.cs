using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace TodoDashboard.E2E.Harness;

/// <summary>
/// The app on a real Kestrel port, so a browser can reach it, against a database of its own
/// (the app creates and migrates it at start-up) that is dropped on dispose.
/// </summary>
public sealed class AppServerFactory : WebApplicationFactory<Program>, IAppServer
{
    private readonly string _serverConnectionString;
    private readonly string _appConnectionString;

    private readonly string _adminEmail;

    /// <param name="adminEmail">The account that is an Admin once registered (Auth:Admins).</param>
    public AppServerFactory(string adminEmail)
    {
        _adminEmail = adminEmail;
        (_serverConnectionString, _appConnectionString) = E2EDatabase.NewConnectionStrings();

        UseKestrel(0);
    }

    Task<Uri> IAppServer.StartAsync() => Task.FromResult(Start());

    /// <summary>Starts the server and returns the address Kestrel actually bound.</summary>
    public Uri Start()
    {
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features
            .GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Development serves the static web assets (MudBlazor's CSS and JS) from the build output.
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:DefaultConnection", _appConnectionString);
        foreach (var (key, value) in E2EDatabase.Settings(_adminEmail))
        {
            builder.UseSetting(key, value);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();

        await E2EDatabase.DropAsync(_serverConnectionString, _appConnectionString);
    }
}

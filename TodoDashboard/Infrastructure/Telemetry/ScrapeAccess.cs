using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Identity;
using TodoDashboard.Infrastructure.Auth;

namespace TodoDashboard.Infrastructure.Telemetry;

/// <summary>
/// Who may scrape <see cref="TelemetrySetup.MetricsPath"/>: an Admin, or anyone calling from one of the networks in
/// <see cref="AllowedNetworksSetting"/> (CIDR, comma-separated or a list: "10.0.0.0/8,127.0.0.1/32"), where a
/// Prometheus server scrapes without signing in. The caller's address is the connection's, or the client's a trusted
/// proxy forwarded (<see cref="ForwardedHeadersSetup"/> runs first in the pipeline); no other header counts.
/// </summary>
public static class ScrapeAccess
{
    public const string AllowedNetworksSetting = "Telemetry:Prometheus:AllowedNetworks";

    /// <summary>The networks configured; an entry that is not a CIDR network stops the app at start, naming the setting.</summary>
    public static IReadOnlyList<IPNetwork> AllowedNetworks(IConfiguration configuration)
    {
        var setting = configuration.GetSection(AllowedNetworksSetting);
        var entries = setting.Value is { } list
            ? list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            : setting.Get<string[]>() ?? [];
        return entries.Select(entry => IPNetwork.TryParse(entry, out var network)
            ? network
            : throw new InvalidOperationException($"{AllowedNetworksSetting}: '{entry}' is not a network in CIDR notation (such as 10.0.0.0/8).")).ToList();
    }

    /// <summary>The Admin role's requirement, met also by a caller from an allowed network, so a refused Member still hears which role it takes.</summary>
    public static AuthorizationPolicy Policy(IReadOnlyList<IPNetwork> networks) =>
        new AuthorizationPolicyBuilder(IdentityConstants.ApplicationScheme, IdentityConstants.BearerScheme)
            .AddRequirements(new AdminOrAllowedNetworkRequirement(networks))
            .Build();

    internal static bool IsAllowed(IReadOnlyList<IPNetwork> networks, IPAddress? address)
    {
        if (address is null)
        {
            return false;
        }

        // A dual-stack listener reports an IPv4 client as ::ffff:a.b.c.d, which no IPv4 network contains.
        var client = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return networks.Any(network => network.Contains(client));
    }

    private sealed class AdminOrAllowedNetworkRequirement(IReadOnlyList<IPNetwork> networks)
        : RolesAuthorizationRequirement(AppRoles.Granting(AppRoles.Admin))
    {
        protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, RolesAuthorizationRequirement requirement)
        {
            if (ReferenceEquals(requirement, this) && context.Resource is HttpContext http && IsAllowed(networks, http.Connection.RemoteIpAddress))
            {
                context.Succeed(requirement);
                return Task.CompletedTask;
            }

            return base.HandleRequirementAsync(context, requirement);
        }
    }
}

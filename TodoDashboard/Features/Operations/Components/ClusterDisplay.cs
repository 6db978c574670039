using System.Globalization;
using MudBlazor;
using TodoDashboard.Infrastructure.Cluster;

namespace TodoDashboard.Features.Operations.Components;

/// <summary>How the Cluster card words and colours an instance.</summary>
public static class ClusterDisplay
{
    public static string StateText(ClusterInstanceState state) => state switch
    {
        ClusterInstanceState.Alive => "Alive",
        ClusterInstanceState.Late => "Late",
        ClusterInstanceState.Stopped => "Stopped",
        ClusterInstanceState.Lost => "Lost",
        _ => "Not in the cluster",
    };

    public static Color StateColor(ClusterInstanceState state) => state switch
    {
        ClusterInstanceState.Alive => Color.Success,
        ClusterInstanceState.Late => Color.Warning,
        ClusterInstanceState.Lost => Color.Error,
        _ => Color.Default,
    };

    public static string StateIcon(ClusterInstanceState state) => state switch
    {
        ClusterInstanceState.Alive => Icons.Material.Filled.CheckCircle,
        ClusterInstanceState.Late => Icons.Material.Filled.Schedule,
        ClusterInstanceState.Stopped => Icons.Material.Filled.StopCircle,
        ClusterInstanceState.Lost => Icons.Material.Filled.CloudOff,
        _ => Icons.Material.Filled.HelpOutline,
    };

    /// <summary>"3 s ago", "4 min ago", "2 h ago" from <paramref name="now"/>; a moment in the future (another node's clock) is "just now".</summary>
    public static string Ago(DateTime at, DateTime now)
    {
        var span = now - at;
        return span switch
        {
            { TotalSeconds: < 1 } => "just now",
            { TotalMinutes: < 1 } => $"{((int)span.TotalSeconds).ToString(CultureInfo.InvariantCulture)} s ago",
            { TotalHours: < 1 } => $"{((int)span.TotalMinutes).ToString(CultureInfo.InvariantCulture)} min ago",
            _ => $"{((int)span.TotalHours).ToString(CultureInfo.InvariantCulture)} h ago",
        };
    }

    /// <summary>A version with its source revision cut to seven characters ("1.0.0+c659aee"), as git abbreviates a commit.</summary>
    public static string? ShortVersion(string? version) =>
        version?.IndexOf('+', StringComparison.Ordinal) is int plus and >= 0 && version.Length > plus + 8 ? version[..(plus + 8)] : version;

    /// <summary>"2 instances, 1 alive" — the card's headline.</summary>
    public static string Summary(IReadOnlyList<ClusterInstanceResponse> instances)
    {
        var alive = instances.Count(i => i.State == ClusterInstanceState.Alive);
        var count = instances.Count == 1 ? "1 instance" : $"{instances.Count.ToString(CultureInfo.InvariantCulture)} instances";
        return $"{count}, {alive.ToString(CultureInfo.InvariantCulture)} alive";
    }
}

namespace TodoDashboard.Features.Jobs;

/// <summary>Settings of the jobs panel (section "Jobs").</summary>
public sealed class JobOptions
{
    /// <summary>How long one item takes; the seed's two seconds by default.</summary>
    public TimeSpan ItemDuration { get; set; } = TimeSpan.FromSeconds(2);
}

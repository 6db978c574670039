namespace TodoDashboard.Features.Jobs;

/// <summary>Settings of the jobs panel (section "Jobs").</summary>
public sealed class JobOptions
{
    /// <summary>How long one item takes; two seconds by default, as in the original demo.</summary>
    public TimeSpan ItemDuration { get; set; } = TimeSpan.FromSeconds(2);
}

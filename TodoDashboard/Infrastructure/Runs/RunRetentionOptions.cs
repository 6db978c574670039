namespace TodoDashboard.Infrastructure.Runs;

/// <summary>Which finished runs the clean-up removes (with their logs, attempts and events).</summary>
public sealed class RunRetentionOptions
{
    /// <summary>Finished runs older than this are removed.</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Of each kind, only this many finished runs are kept, newest first.</summary>
    public int MaxRunsPerKind { get; set; } = 1000;

    /// <summary>How often the clean-up runs (a recurring Quartz job: one node per firing).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);
}

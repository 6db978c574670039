namespace TodoDashboard.Infrastructure.Runs;

/// <summary>Thrown by a step whose attempt no longer owns the run (it was cancelled, or another attempt took over).</summary>
public sealed class RunSupersededException(Guid runId)
    : Exception($"Run {runId} is no longer this attempt's to commit.");

namespace TodoDashboard.Infrastructure.Runs;

/// <summary>A run in state Running, with the node its current attempt runs on (a Quartz scheduler instance id).</summary>
public sealed record NodeRun(string Node, RunResponse Run);

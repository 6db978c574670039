namespace TodoDashboard.Infrastructure.LiveUpdates;

/// <summary>A NOTIFY channel a feature listens to; register one per channel.</summary>
public sealed record PostgresChannel(string Name);

namespace TodoDashboard.Infrastructure.Runs;

/// <summary>What a step reports beside its own data: a new message, figures merged into the run's data, a new total.</summary>
public sealed record RunStep(string? Message = null, object? Data = null, long? Total = null);

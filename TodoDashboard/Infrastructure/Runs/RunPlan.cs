namespace TodoDashboard.Infrastructure.Runs;

/// <summary>What a checked start inserts: the parameters to keep, the amount of work, and the single-active key.</summary>
public sealed record RunPlan(string Parameters, long Total, string? ActiveKey, string? Message = null);

/// <summary>A typed plan; <see cref="RunPlan"/> is its stored form.</summary>
public sealed record RunPlan<TParameters>(TParameters Parameters, long Total, string? ActiveKey, string? Message = null);

namespace TodoDashboard.Features.MultiDatabase;

/// <summary>The default dataset, a batch of the caller's rows, or generated rows (a background run); camelCase in JSON.</summary>
public enum MultiDbRunKind
{
    Default,
    Custom,
    Scale,
}

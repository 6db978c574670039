namespace TodoDashboard.Infrastructure.Runs;

/// <summary>A run's change as the trigger on <c>runs</c> announced it, in the transaction that made it.</summary>
public sealed record RunChange(Guid Id, string Kind, string? OwnerId, RunState State, long Done, long Total, bool CancelRequested, long Version)
{
    public bool IsActive => State.IsActive();
}

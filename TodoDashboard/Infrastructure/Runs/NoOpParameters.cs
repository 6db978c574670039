using System.ComponentModel.DataAnnotations;

namespace TodoDashboard.Infrastructure.Runs;

/// <summary>A no-op run's parameters: how many steps, and how long each waits before it commits.</summary>
public sealed record NoOpParameters
{
    public const int MaxSteps = 1_000_000;

    public const int MaxStepDelayMs = 10_000;

    [Range(1, MaxSteps)]
    public int Steps { get; init; }

    [Range(0, MaxStepDelayMs)]
    public int StepDelayMs { get; init; }

    /// <summary>For a run that must fail (tests of retry and resume): the step at which it ends Failed, committing none of it.</summary>
    [Range(1, MaxSteps)]
    public int? FailAtStep { get; init; }
}

using System.ComponentModel.DataAnnotations;

namespace TodoDashboard.Features.Jobs;

/// <summary>A job's parameters: how many items it processes.</summary>
public sealed record JobParameters
{
    [Range(1, JobKind.MaxItems)]
    public int Items { get; init; }
}

using TodoDashboard.Features.Shares;
using TodoDashboard.Infrastructure.Runs;

namespace TodoDashboard.Tests.Features.Shares;

/// <summary>Price-update runs as the engine answers them, made up for the components that show them.</summary>
internal static class PriceRuns
{
    public static PriceUpdateRunResponse Run(
        PriceUpdateStrategy strategy, PriceUpdateStatus status, double? elapsedMs, string? error = null,
        PriceChangeKind change = PriceChangeKind.Add, int shares = 10_000, DateTime? finishedAt = null) =>
        PriceUpdateRunResponse.From(RunResponse.From(new Run
        {
            Id = Guid.NewGuid(),
            Kind = PriceUpdateKind.KindName,
            OwnerName = "someone@example.com",
            Parameters = RunJson.Serialize(new StartPriceUpdateRequest { Strategy = strategy, Change = change, Amount = 1 }),
            Data = "{}",
            State = status switch
            {
                PriceUpdateStatus.Queued => RunState.Queued,
                PriceUpdateStatus.Processing => RunState.Running,
                PriceUpdateStatus.Succeeded => RunState.Succeeded,
                PriceUpdateStatus.Failed => RunState.Failed,
                _ => RunState.Cancelled,
            },
            Total = shares,
            Done = elapsedMs is null ? 0 : shares,
            CreatedAt = DateTime.UtcNow,
            FinishedAt = elapsedMs is null ? null : finishedAt ?? DateTime.UtcNow,
            ElapsedMs = elapsedMs ?? 0,
            Error = error,
        }));
}

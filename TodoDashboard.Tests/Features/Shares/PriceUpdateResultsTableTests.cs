using Bunit;
using MudBlazor.Services;
using Microsoft.Extensions.DependencyInjection;
using TodoDashboard.Features.Shares;
using TodoDashboard.Infrastructure.Runs;
using TodoDashboard.Features.Shares.Components;

namespace TodoDashboard.Tests.Features.Shares;

[Trait("Category", "Unit")]
public class PriceUpdateResultsTableTests : IAsyncLifetime
{
    private readonly BunitContext _bunit = new();

    public PriceUpdateResultsTableTests()
    {
        _bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        _bunit.Services.AddMudServices(options => options.PopoverOptions.CheckForPopoverProvider = false);
    }

    [Fact]
    public void Finished_runs_are_compared_and_the_fastest_strategy_is_named()
    {
        var table = _bunit.Render<PriceUpdateResultsTable>(p => p.Add(t => t.Runs,
        [
            Run(PriceUpdateStrategy.Sequential, PriceUpdateStatus.Succeeded, elapsedMs: 4000),
            Run(PriceUpdateStrategy.Bulk, PriceUpdateStatus.Succeeded, elapsedMs: 100),
            Run(PriceUpdateStrategy.Parallel, PriceUpdateStatus.Processing, elapsedMs: null),
        ]));

        var rows = table.FindAll("tbody tr");
        Assert.Equal(2, rows.Count);
        Assert.Contains("sequential", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("4,000 ms", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("2,500", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("100,000", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("bulk", table.Find("[data-testid=results-fastest]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void With_no_finished_run_it_says_so()
    {
        var table = _bunit.Render<PriceUpdateResultsTable>(p => p.Add(t => t.Runs, [Run(PriceUpdateStrategy.Bulk, PriceUpdateStatus.Queued, null)]));

        Assert.Contains("No finished runs yet", table.Find("[data-testid=results-empty]").TextContent, StringComparison.Ordinal);
        Assert.Empty(table.FindAll("[data-testid=results-fastest]"));
    }

    [Fact]
    public void A_failed_run_shows_its_reason_beside_its_status()
    {
        const string reason = "Stopped after changing 7,000 of 10,000 shares, which keep their new prices; the other 3,000 keep their old ones.";
        var table = _bunit.Render<PriceUpdateResultsTable>(p => p.Add(t => t.Runs,
        [
            Run(PriceUpdateStrategy.Bulk, PriceUpdateStatus.Failed, elapsedMs: 100, reason),
            Run(PriceUpdateStrategy.Bulk, PriceUpdateStatus.Succeeded, elapsedMs: 100),
        ]));

        var rows = table.FindAll("tbody tr");
        Assert.Equal("Failed", rows[0].QuerySelector("[data-testid=result-status]")!.TextContent.Trim());
        Assert.Equal(reason, rows[0].QuerySelector("[data-testid=result-error]")!.TextContent.Trim());
        Assert.Null(rows[1].QuerySelector("[data-testid=result-error]"));
    }

    private static PriceUpdateRunResponse Run(PriceUpdateStrategy strategy, PriceUpdateStatus status, double? elapsedMs, string? error = null) =>
        PriceUpdateRunResponse.From(RunResponse.From(new Run
        {
            Id = Guid.NewGuid(),
            Kind = PriceUpdateKind.KindName,
            OwnerName = "someone@example.com",
            Parameters = RunJson.Serialize(new StartPriceUpdateRequest { Strategy = strategy, Amount = 1 }),
            Data = "{}",
            State = status switch
            {
                PriceUpdateStatus.Queued => RunState.Queued,
                PriceUpdateStatus.Processing => RunState.Running,
                PriceUpdateStatus.Succeeded => RunState.Succeeded,
                PriceUpdateStatus.Failed => RunState.Failed,
                _ => RunState.Cancelled,
            },
            Total = 10_000,
            Done = elapsedMs is null ? 0 : 10_000,
            CreatedAt = DateTime.UtcNow,
            FinishedAt = elapsedMs is null ? null : DateTime.UtcNow,
            ElapsedMs = elapsedMs ?? 0,
            Error = error,
        }));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _bunit.DisposeAsync();
}

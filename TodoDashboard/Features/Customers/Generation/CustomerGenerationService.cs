using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TodoDashboard.Data;
using TodoDashboard.Infrastructure.Runs;
using TodoDashboard.Infrastructure.Validation;

namespace TodoDashboard.Features.Customers.Generation;

/// <summary>
/// Customer generation runs as the API, the panel and the command line see them: views of the engine's runs of
/// <see cref="CustomerGenerationKind"/> (a generation's id is its run's id). The engine starts, schedules, executes
/// and cancels them.
/// </summary>
public sealed class CustomerGenerationService(
    RunEngine engine, CustomerGenerationKind kind, RunNotifier notifier, IDbContextFactory<AppDbContext> dbFactory,
    IOptions<CustomerGenerationOptions> options)
{
    public const int RunListLimit = 20;

    /// <summary>
    /// For a run above <see cref="CustomerGenerationOptions.BulkLoadThreshold"/>, which drops the search indexes
    /// everyone's searches use and rebuilds them over the whole table, how long it should take; null for a run
    /// that keeps them (or whose table is small enough to rebuild in moments).
    /// </summary>
    public async Task<GenerationEstimate?> RebuildEstimateAsync(int count, CancellationToken ct = default)
    {
        if (count <= options.Value.BulkLoadThreshold)
        {
            return null;
        }

        // The planner's row count is free and close enough; a table never analyzed yet is young, and counted.
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var existing = await db.Database.SqlQuery<long>($"""
            SELECT CASE WHEN reltuples >= 0 THEN reltuples::bigint ELSE (SELECT count(*) FROM customers) END AS "Value"
            FROM pg_class WHERE oid = 'customers'::regclass
            """).SingleAsync(ct);
        return GenerationEstimate.For(count, existing);
    }

    /// <summary>Starts a run in the background, or, when one is active already, returns that one instead.</summary>
    public async Task<StartGenerationResult> StartAsync(RunOwner owner, int count, CancellationToken ct = default) =>
        Result(await engine.StartAsync(kind, owner, new GenerationParameters { Count = count }, ct), count);

    /// <summary>As <see cref="StartAsync"/>, but leaves the run queued for a caller that executes it itself (the command line).</summary>
    public async Task<StartGenerationResult> QueueAsync(RunOwner owner, int count, CancellationToken ct = default) =>
        Result(await engine.QueueAsync(kind, owner, new GenerationParameters { Count = count }, ct), count);

    public async Task<CustomerGenerationRunResponse?> GetRunAsync(Guid id, CancellationToken ct = default) =>
        await engine.GetAsync(id, ct) is { Kind: CustomerGenerationKind.KindName } run ? CustomerGenerationRunResponse.From(run) : null;

    /// <summary>The latest runs, newest first.</summary>
    public async Task<IReadOnlyList<CustomerGenerationRunResponse>> ListRunsAsync(CancellationToken ct = default)
    {
        var page = await engine.ListAsync(new RunQuery(Kind: CustomerGenerationKind.KindName, Limit: RunListLimit), RunViewer.Everyone, ct);
        return page.Items.Select(CustomerGenerationRunResponse.From).ToList();
    }

    public async Task<CustomerGenerationRunResponse?> ActiveRunAsync(CancellationToken ct = default) =>
        await engine.ActiveAsync(CustomerGenerationKind.KindName, CustomerGenerationKind.ClusterKey, ct) is { } run
            ? CustomerGenerationRunResponse.From(run)
            : null;

    /// <summary>
    /// Cancels a run for an Operator: a queued one at once; a running one stops loading at its next batch, rebuilds the
    /// indexes it dropped, and ends Cancelled with the customers loaded so far.
    /// </summary>
    public async Task<RunActionResult> CancelAsync(RunViewer viewer, Guid id, CancellationToken ct = default) =>
        await engine.GetAsync(id, ct) is { Kind: CustomerGenerationKind.KindName }
            ? await engine.CancelAsync(id, viewer, ct)
            : new RunActionResult(RunActionOutcome.NotFound);

    private static StartGenerationResult Result(Validated<RunStart> started, int count)
    {
        var start = started.Value
            ?? throw new ArgumentOutOfRangeException(nameof(count), count, string.Join(" ", started.Errors.SelectMany(e => e.Value)));
        return new StartGenerationResult(CustomerGenerationRunResponse.From(start.Run), start.Started);
    }

    /// <summary>Calls <paramref name="changed"/> on every change to a generation run, from any node, and on resyncs.</summary>
    public IDisposable Subscribe(Action changed) =>
        notifier.Subscribe(change => change.Kind == CustomerGenerationKind.KindName, _ => changed());

    /// <summary>Calls <paramref name="ended"/> when a generation run has ended (its customers are all in), from any node, and on resyncs.</summary>
    public IDisposable SubscribeToEnds(Action ended) =>
        notifier.Subscribe(change => change.Kind == CustomerGenerationKind.KindName && !change.IsActive, _ => ended());
}

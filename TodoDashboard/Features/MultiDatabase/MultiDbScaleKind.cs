using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using TodoDashboard.Infrastructure.Auth;
using TodoDashboard.Infrastructure.Runs;
using TodoDashboard.Infrastructure.Validation;

namespace TodoDashboard.Features.MultiDatabase;

/// <summary>A scale run's parameters: rows per table, and how many rows at once (kept as the bound the run uses).</summary>
public sealed record ScaleRunParameters
{
    [Range(1, MultiDbBatch.MaxRowsPerTable)]
    public int Scale { get; init; }

    [Range(1, int.MaxValue, ErrorMessage = "maxConcurrency is at least 1.")]
    public int? MaxConcurrency { get; init; }
}

/// <summary>A scale run's figures, committed with each step's progress: per table so far, and the rows not inserted.</summary>
public sealed record ScaleRunData
{
    public IReadOnlyList<TableSummary>? Summary { get; init; }

    /// <summary>Rejected and failed rows, the first <see cref="MultiDbService.StoredRowsLimit"/>; left out of a step that adds none.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<RowResult>? Problems { get; init; }

    /// <summary>Every table's figures, zero for a table no step has reached.</summary>
    [JsonIgnore]
    public IReadOnlyList<TableSummary> PerTable =>
        Enum.GetValues<MultiDbTable>().Select(table => Summary?.FirstOrDefault(s => s.Table == table) ?? new TableSummary(table, 0, 0, 0)).ToList();

    /// <summary>These figures with one step's rows added: what the step commits (the data merges key by key).</summary>
    public ScaleRunData Add(IReadOnlyList<RowResult> rows)
    {
        var problems = rows.Where(r => r.Status != RowStatus.Inserted).ToList();
        var kept = Problems ?? [];
        return new ScaleRunData
        {
            Summary = PerTable.Select(before => before.Plus(TableSummary.Of(before.Table, rows))).ToList(),
            Problems = problems.Count == 0 || kept.Count >= MultiDbService.StoredRowsLimit
                ? null
                : [.. kept, .. problems.Take(MultiDbService.StoredRowsLimit - kept.Count)],
        };
    }
}

/// <summary>
/// Multi-database scale runs as a run kind: n generated users, products and orders, inserted a step of
/// <see cref="MultiDbOptions.ScaleStepRows"/> row numbers at a time (concurrently, by <see cref="MultiDbInserter"/>),
/// each step then committing its progress and figures. The rows live in three other databases, so they cannot share
/// the progress's transaction; they are exactly-once all the same: a generated row is the same for a given run and
/// row number, and its insert is idempotent on that key, so a step redone after a crash finds its rows and counts
/// each once.
/// </summary>
public sealed class MultiDbScaleKind(MultiDbInserter inserter, IOptions<MultiDbOptions> options) : RunKind<ScaleRunParameters>
{
    public const string KindName = "multidb-scale";

    /// <summary>Users, products and orders: each row number is one row in each, and the run counts every row.</summary>
    public const int Tables = 3;

    public override string Name => KindName;

    public override string Title => "Multi-database scale run";

    // As for custom batches: anything but the default dataset is an Operator's.
    public override string StartRole => AppRoles.Operator;

    public override Task<Validated<RunPlan<ScaleRunParameters>>> PlanAsync(ScaleRunParameters parameters, RunPlanContext context, CancellationToken ct)
    {
        var bound = inserter.Bound(parameters.MaxConcurrency);
        return Task.FromResult(bound.IsValid
            ? Validated.Valid(new RunPlan<ScaleRunParameters>(
                parameters with { MaxConcurrency = bound.Value }, Tables * (long)parameters.Scale, ActiveKey: null,
                $"{parameters.Scale:N0} rows per database"))
            : Validated.Invalid<RunPlan<ScaleRunParameters>>(bound.Errors));
    }

    protected override async Task<RunOutcome> ExecuteAsync(RunContext<ScaleRunParameters> run, CancellationToken ct)
    {
        var scale = run.Parameters.Scale;
        var bound = run.Parameters.MaxConcurrency ?? inserter.Bound(null).Value;
        var step = Math.Max(1, options.Value.ScaleStepRows);

        // Every committed step covers whole row numbers in all three tables, so a resumed run starts after them.
        for (var first = (int)(run.Done / Tables) + 1; first <= scale; first += step)
        {
            if (run.Cancelled.IsCancellationRequested)
            {
                return RunOutcome.Cancelled;
            }

            var count = Math.Min(step, scale - first + 1);
            var rows = await inserter.InsertAsync(run.Id, MultiDbRules.Generate(first, count), bound, ct);

            // Shutting down: rows may have failed because of it, so this step is not committed and the next attempt redoes it.
            ct.ThrowIfCancellationRequested();
            var (figures, last) = (run.Data<ScaleRunData>().Add(rows), first + count - 1);
            await run.CommitAsync(
                (_, _, _) => Task.FromResult((long)rows.Count), new RunStep($"Row {last:N0} of {scale:N0} in each database", figures), ct);
            if (rows.Count(r => r.Status != RowStatus.Inserted) is > 0 and var missed)
            {
                await run.LogAsync(RunLogLevel.Warning, $"Rows {first:N0}–{last:N0}: {missed:N0} not inserted; the run's result lists why.", ct);
            }
        }

        return RunOutcome.Succeeded;
    }

    /// <summary>A scale run as the multi-database API and panel show it: a view of its run (the same id).</summary>
    public static MultiDbRunResult View(RunResponse run, DateTime now)
    {
        var figures = run.DataAs<ScaleRunData>();
        var problems = figures.Problems ?? [];
        var elapsed = run.IsActive
            ? run.StartedAt is { } started ? Math.Max(0, (now - started).TotalMilliseconds) : 0
            : run.ElapsedMs;
        return new MultiDbRunResult(
            run.Id, run.OwnerName, MultiDbRunKind.Scale, run.CreatedAt, elapsed, run.ParametersAs<ScaleRunParameters>().MaxConcurrency ?? 0,
            figures.PerTable, problems, (int)Math.Max(0, run.Done - problems.Count), MultiDbRunProgress.From(run));
    }
}

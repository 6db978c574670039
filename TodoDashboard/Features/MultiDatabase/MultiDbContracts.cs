using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using TodoDashboard.Infrastructure.Runs;

namespace TodoDashboard.Features.MultiDatabase;

public sealed record UserRow(int? Row, string? Name, string? Email);

public sealed record ProductRow(int? Row, string? Name, decimal? Price);

/// <summary>An order names its user and product by row number in the same batch, or by an existing database id.</summary>
public sealed record OrderRow(int? Row, int? UserRow, int? ProductRow, int? UserId, int? ProductId, int? Quantity);

/// <summary>A batch to insert; rows without a number are numbered by position. Or <see cref="Scale"/> generated rows per table.</summary>
public sealed record MultiDbBatch : IValidatableObject
{
    public const int MaxRowsPerTable = 10_000;

    public List<UserRow>? Users { get; init; }

    public List<ProductRow>? Products { get; init; }

    public List<OrderRow>? Orders { get; init; }

    [Range(1, MaxRowsPerTable)]
    public int? Scale { get; init; }

    /// <summary>
    /// How many rows are inserted at once (each with its own connection), at most <see cref="MultiDbOptions.MaxConcurrency"/>
    /// (the server's cap, and the bound when left out). Concurrent runs share each database's connections besides.
    /// </summary>
    [Range(1, int.MaxValue, ErrorMessage = "maxConcurrency is at least 1.")]
    public int? MaxConcurrency { get; init; }

    /// <summary>
    /// No rows and no scale: the original demo's 30-row dataset, which any Member may run (anything else is an Operator's).
    /// </summary>
    public bool IsDefaultDataset => Scale is null && Users is null && Products is null && Orders is null;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // A null row ([null]) has nothing to check or insert: name it, and check nothing else until it is gone.
        var nullRows = NullRows(nameof(Users), Users).Concat(NullRows(nameof(Products), Products)).Concat(NullRows(nameof(Orders), Orders)).ToList();
        if (nullRows.Count > 0)
        {
            foreach (var row in nullRows)
            {
                yield return new ValidationResult("A row cannot be null.", [row]);
            }

            yield break;
        }

        if (Scale is not null && (Users?.Count > 0 || Products?.Count > 0 || Orders?.Count > 0))
        {
            yield return new ValidationResult("Send either rows or a scale, not both.", [nameof(Scale)]);
        }

        foreach (var (name, count) in new[] { (nameof(Users), Users?.Count), (nameof(Products), Products?.Count), (nameof(Orders), Orders?.Count) })
        {
            if (count > MaxRowsPerTable)
            {
                yield return new ValidationResult($"At most {MaxRowsPerTable:N0} rows per table.", [name]);
            }
        }

        foreach (var (name, rows) in new[]
        {
            (nameof(Users), Users?.Select(r => r.Row)),
            (nameof(Products), Products?.Select(r => r.Row)),
            (nameof(Orders), Orders?.Select(r => r.Row)),
        })
        {
            var numbers = MultiDbRules.Number(rows ?? []).ToList();
            if (numbers.Any(n => n < 1))
            {
                yield return new ValidationResult("Row numbers start at 1.", [name]);
            }
            else if (numbers.Distinct().Count() != numbers.Count)
            {
                yield return new ValidationResult("Row numbers must be unique within a table.", [name]);
            }
        }

        for (var i = 0; i < (Orders?.Count ?? 0); i++)
        {
            var order = Orders![i];
            if ((order.UserRow is null) == (order.UserId is null) || (order.ProductRow is null) == (order.ProductId is null))
            {
                yield return new ValidationResult(
                    "An order names its user by userRow or userId, and its product by productRow or productId: one of each.",
                    [$"{nameof(Orders)}[{i}]"]);
            }
        }
    }

    private static IEnumerable<string> NullRows<T>(string table, List<T>? rows) where T : class =>
        (rows ?? []).Select((row, index) => (row, index)).Where(r => r.row is null).Select(r => $"{table}[{r.index}]");
}

public enum MultiDbTable
{
    Users,
    Products,
    Orders,
}

public enum RowStatus
{
    Inserted,
    Rejected,
    Error,
}

/// <summary>One row's outcome; <see cref="StartedAtMs"/> counts from the start of the run (for the timeline).</summary>
public sealed record RowResult(MultiDbTable Table, int Row, RowStatus Status, IReadOnlyList<string> Messages, int? Id, double StartedAtMs, double ElapsedMs);

/// <summary>
/// One database's figures in a run. <see cref="ElapsedMs"/> is how long it spent inserting: from its first insert's start
/// to its last insert's commit (summed over a scale run's steps); 0 in runs stored before it was kept.
/// </summary>
public sealed record TableSummary(MultiDbTable Table, int Inserted, int Rejected, int Errors, double ElapsedMs = 0)
{
    /// <summary>Inserted rows per second of the database's own time, or null before it has inserted any.</summary>
    [JsonIgnore]
    public double? RowsPerSecond => Inserted > 0 && ElapsedMs > 0 ? Inserted / (ElapsedMs / 1000) : null;

    /// <summary>One table's figures from one batch's rows.</summary>
    public static TableSummary Of(MultiDbTable table, IReadOnlyList<RowResult> rows)
    {
        var own = rows.Where(r => r.Table == table).ToList();
        return new TableSummary(
            table,
            own.Count(r => r.Status == RowStatus.Inserted),
            own.Count(r => r.Status == RowStatus.Rejected),
            own.Count(r => r.Status == RowStatus.Error),
            TableSpan.Of(table, rows)?.ElapsedMs ?? 0);
    }

    /// <summary>These figures and a later batch's, as a scale run adds its steps.</summary>
    public TableSummary Plus(TableSummary step) =>
        this with { Inserted = Inserted + step.Inserted, Rejected = Rejected + step.Rejected, Errors = Errors + step.Errors, ElapsedMs = ElapsedMs + step.ElapsedMs };
}

/// <summary>When one database inserted in a batch: its inserted rows' first start and last commit, in ms from the batch's start.</summary>
public sealed record TableSpan(MultiDbTable Table, int Inserts, double FirstStartMs, double LastEndMs)
{
    public double ElapsedMs => LastEndMs - FirstStartMs;

    /// <summary>The table's inserted rows' span, or null when it inserted none.</summary>
    public static TableSpan? Of(MultiDbTable table, IEnumerable<RowResult> rows)
    {
        var inserted = rows.Where(r => r.Table == table && r.Status == RowStatus.Inserted).ToList();
        return inserted.Count == 0
            ? null
            : new TableSpan(table, inserted.Count, inserted.Min(r => r.StartedAtMs), inserted.Max(r => r.StartedAtMs + r.ElapsedMs));
    }
}

/// <summary>
/// A run's result: for a default or custom batch, the whole of it; for a scale run (a background run), what its
/// committed steps have inserted so far, with <see cref="Progress"/> saying where the run is. A scale run lists only
/// the rows that were not inserted (<see cref="RowsOmitted"/> counts the rest).
/// </summary>
public sealed record MultiDbRunResult(
    Guid Id,
    string StartedBy,
    MultiDbRunKind Kind,
    DateTime CreatedAt,
    double ElapsedMs,
    int MaxConcurrency,
    IReadOnlyList<TableSummary> Summary,
    IReadOnlyList<RowResult> Rows,
    int RowsOmitted,
    MultiDbRunProgress? Progress = null);

public sealed record MultiDbRunSummary(
    Guid Id, string StartedBy, MultiDbRunKind Kind, DateTime CreatedAt, double ElapsedMs, IReadOnlyList<TableSummary> Summary, MultiDbRunProgress? Progress = null);

/// <summary>
/// A scale run's place in the run engine (its run has the same id): its state, and its progress in rows of all three
/// tables. Null for a default or custom batch, which runs inside its request.
/// </summary>
public sealed record MultiDbRunProgress(
    RunState State, long Done, long Total, double Percent, string? Message, bool CancelRequested, DateTime? StartedAt, DateTime? FinishedAt,
    string? Error)
{
    public bool IsActive => State.IsActive();

    public static MultiDbRunProgress From(RunResponse run) =>
        new(run.State, run.Done, run.Total, run.Percent, run.Message, run.CancelRequested, run.StartedAt, run.FinishedAt, run.Error);
}

public sealed record RowPage<T>(IReadOnlyList<T> Items, int TotalCount, int Page, int PageSize);

using System.ComponentModel.DataAnnotations;
using TodoDashboard.Infrastructure.Runs;

namespace TodoDashboard.Features.Customers.Generation;

public sealed record GenerateCustomersRequest
{
    public const int MaxCount = 5_000_000;

    [Required]
    [Range(1, MaxCount)]
    public int? Count { get; set; }
}

/// <summary>A generation run's parameters: how many customers, and the first number, which the plan reserves.</summary>
public sealed record GenerationParameters
{
    [Range(1, GenerateCustomersRequest.MaxCount)]
    public int Count { get; init; }

    /// <summary>Set by <see cref="CustomerGenerationKind.PlanAsync"/> whatever the caller passes: the numbers are the database's to hand out.</summary>
    public long FirstNumber { get; init; }
}

/// <summary>A generation run's own figures and state (the run's <c>Data</c>), committed with its progress.</summary>
public sealed record GenerationData
{
    public GenerationPhase? Phase { get; init; }

    /// <summary>The definitions of the indexes dropped for a bulk load (as <c>pg_indexes</c> gives them), to build back.</summary>
    public IReadOnlyList<string> DroppedIndexes { get; init; } = [];

    public int IndexesBuilt { get; init; }

    public double? LoadMs { get; init; }

    public double? IndexMs { get; init; }

    public GenerationStop? Stopped { get; init; }

    /// <summary>For a failed load: why, in a user's words, for the run's end once the indexes are back.</summary>
    public string? StopReason { get; init; }
}

/// <summary>A generation run as the API and the panel see it (a view of its run, the same id); <see cref="Percent"/> is of the rows loaded.</summary>
public sealed record CustomerGenerationRunResponse(
    Guid Id,
    string StartedBy,
    GenerationStatus Status,
    int Count,
    int Done,
    double Percent,
    int IndexesBuilt,
    int IndexTotal,
    string FirstCustomerId,
    string LastCustomerId,
    DateTime CreatedAt,
    DateTime? StartedAt,
    DateTime? FinishedAt,
    double? LoadMs,
    double? IndexMs,
    double? RowsPerSecond,
    string? Error,
    bool CancelRequested = false)
{
    public bool IsActive => IsActiveStatus(Status);

    public static bool IsActiveStatus(GenerationStatus status) =>
        status is GenerationStatus.Queued or GenerationStatus.Loading or GenerationStatus.Indexing;

    public static string CustomerIdFor(long number) => $"C{number:D9}";

    public static CustomerGenerationRunResponse From(RunResponse run)
    {
        var parameters = run.ParametersAs<GenerationParameters>();
        var data = run.DataAs<GenerationData>();
        return new(
            run.Id, run.OwnerName, StatusOf(run.State, data.Phase), parameters.Count, (int)run.Done, PercentOf(run.Done, parameters.Count),
            data.IndexesBuilt, data.DroppedIndexes.Count,
            CustomerIdFor(parameters.FirstNumber), CustomerIdFor(parameters.FirstNumber + Math.Max(parameters.Count, 1) - 1),
            run.CreatedAt, run.StartedAt, run.FinishedAt, data.LoadMs, data.IndexMs, RowsPerSecondOf(run.Done, data.LoadMs), run.Error,
            run.CancelRequested);
    }

    /// <summary>The engine's state, with a running run's phase: Loading until every row is in (or the load stopped), then Indexing.</summary>
    public static GenerationStatus StatusOf(RunState state, GenerationPhase? phase) => state switch
    {
        RunState.Queued => GenerationStatus.Queued,
        RunState.Running => phase == GenerationPhase.Indexing ? GenerationStatus.Indexing : GenerationStatus.Loading,
        RunState.Succeeded => GenerationStatus.Succeeded,
        RunState.Failed => GenerationStatus.Failed,
        _ => GenerationStatus.Cancelled,
    };

    internal static double PercentOf(long done, int count) => count == 0 ? 100 : Math.Round(100.0 * done / count, 1);

    internal static double? RowsPerSecondOf(long done, double? loadMs) => loadMs is > 0 ? Math.Round(done / (loadMs.Value / 1000)) : null;
}

/// <summary>
/// A run's progress as the attempt executing it in this process sees it, right after each step commits (the command
/// line prints it; it needs no notification connection).
/// </summary>
public sealed record GenerationProgress(Guid RunId, GenerationStatus Status, int Count, int Done, GenerationData Data)
{
    public double Percent => CustomerGenerationRunResponse.PercentOf(Done, Count);

    public int IndexTotal => Data.DroppedIndexes.Count;

    public int IndexesBuilt => Data.IndexesBuilt;

    public double? IndexMs => Data.IndexMs;

    public double? RowsPerSecond => CustomerGenerationRunResponse.RowsPerSecondOf(Done, Data.LoadMs);
}

/// <summary>The answer to a start request: the new run, or the run that is still active.</summary>
public sealed record StartGenerationResult(CustomerGenerationRunResponse Run, bool Started);

using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization;
using Npgsql;
using TodoDashboard.Infrastructure.Auth;
using TodoDashboard.Infrastructure.Validation;

namespace TodoDashboard.Infrastructure.Runs;

/// <summary>
/// One kind of background work, as the engine drives it. Implement <see cref="RunKind{TParameters}"/>: a kind supplies
/// its parameters' check, its single-active rule and its work; the engine owns state, scheduling, recovery, cancel,
/// retry and resume, the log, fairness and retention.
/// </summary>
public interface IRunKind
{
    /// <summary>The kind's name in URLs, filters and the <c>runs.Kind</c> column ("jobs").</summary>
    string Name { get; }

    /// <summary>What a person calls one run ("Job").</summary>
    string Title { get; }

    /// <summary>
    /// Runs that change what the whole team sees (prices, customers) are visible to every member; others only to their
    /// owner and to Operators.
    /// </summary>
    bool VisibleToEveryone { get; }

    /// <summary>Whether a failed or cancelled run may continue from its last committed step.</summary>
    bool CanResume { get; }

    /// <summary>The role that may start a run of this kind, and so also retry one.</summary>
    string StartRole { get; }

    /// <summary>Checks stored parameters again for a retry (the data may have changed since).</summary>
    Task<Validated<RunPlan>> PlanStoredAsync(string parameters, RunPlanContext context, CancellationToken ct);

    Task<RunOutcome> ExecuteAsync(RunContext run, CancellationToken ct);
}

/// <summary>What a checked start inserts: the parameters to keep, the amount of work, and the single-active key.</summary>
public sealed record RunPlan(string Parameters, long Total, string? ActiveKey, string? Message = null);

/// <summary>Where a new run's check happens: inside the transaction that inserts it, on its connection.</summary>
public sealed record RunPlanContext(RunOwner Owner, NpgsqlConnection Connection, NpgsqlTransaction Transaction);

/// <summary>Who starts a run: a user (id and display name), or the system.</summary>
public sealed record RunOwner(string? Id, string Name)
{
    public static RunOwner System { get; } = new(null, "System");

    public static RunOwner Of(ClaimsPrincipal user) => new(user.GetUserId(), user.GetDisplayName());
}

/// <summary>The one JSON form of every kind's parameters and data.</summary>
public static class RunJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Options)!;
}

/// <summary>A kind with typed parameters: the recipe of what it checks, what one step commits and what it reports.</summary>
public abstract class RunKind<TParameters> : IRunKind
    where TParameters : class
{
    public abstract string Name { get; }

    public abstract string Title { get; }

    public virtual bool VisibleToEveryone => false;

    public virtual bool CanResume => true;

    public virtual string StartRole => AppRoles.Member;

    /// <summary>
    /// Checks the parameters (against the data too, on the context's connection) and says how much work they make and
    /// which single-active key the run takes; nothing is written when it answers errors.
    /// </summary>
    public abstract Task<Validated<RunPlan<TParameters>>> PlanAsync(TParameters parameters, RunPlanContext context, CancellationToken ct);

    /// <summary>Does (or resumes, from <see cref="RunContext.Done"/>) the work, committing each step with <see cref="RunContext.CommitAsync(Func{NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task{long}}, RunStep?, CancellationToken)"/>.</summary>
    protected abstract Task<RunOutcome> ExecuteAsync(RunContext<TParameters> run, CancellationToken ct);

    public async Task<Validated<RunPlan>> PlanStoredAsync(string parameters, RunPlanContext context, CancellationToken ct) =>
        ToUntyped(await PlanAsync(RunJson.Deserialize<TParameters>(parameters), context, ct));

    internal static Validated<RunPlan> ToUntyped(Validated<RunPlan<TParameters>> plan) =>
        plan.Value is { } typed
            ? Validated.Valid(new RunPlan(RunJson.Serialize(typed.Parameters), typed.Total, typed.ActiveKey, typed.Message))
            : Validated.Invalid<RunPlan>(plan.Errors);

    Task<RunOutcome> IRunKind.ExecuteAsync(RunContext run, CancellationToken ct) =>
        ExecuteAsync(new RunContext<TParameters>(run), ct);
}

/// <summary>A typed plan; <see cref="RunPlan"/> is its stored form.</summary>
public sealed record RunPlan<TParameters>(TParameters Parameters, long Total, string? ActiveKey, string? Message = null);

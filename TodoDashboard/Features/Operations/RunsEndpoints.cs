using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using TodoDashboard.Infrastructure.Auth;
using TodoDashboard.Infrastructure.Runs;

namespace TodoDashboard.Features.Operations;

/// <summary>
/// /api/runs: background work of every kind (jobs, price updates, customer generation, …) through the run engine.
/// Members see and act on their own runs (and see the kinds everyone sees); Operators and Admins see and act on all.
/// </summary>
public static class RunsEndpoints
{
    public const string LastEventIdHeader = "Last-Event-ID";

    public static RouteGroupBuilder MapRunsEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/runs").WithTags("Runs").RequireAuthorization(AppRoles.Member);

        group.MapGet("/", ListRuns).WithName(nameof(ListRuns));
        group.MapGet("/{id:guid}", GetRun).WithName(nameof(GetRun));
        group.MapGet("/{id:guid}/events", StreamRunEvents).WithName(nameof(StreamRunEvents));
        group.MapPost("/{id:guid}/cancel", CancelRun).WithName(nameof(CancelRun));
        group.MapPost("/{id:guid}/retry", RetryRun).WithName(nameof(RetryRun));
        group.MapPost("/{id:guid}/resume", ResumeRun).WithName(nameof(ResumeRun));
        return group;
    }

    /// <summary>
    /// Runs newest first, keyset paged: pass a page's nextCursor back as cursor. Filters: kind; state; owner=me (your own
    /// runs) or owner=all (the default: every run you may see, which for a Member is their own runs plus the runs of
    /// the kinds everyone sees, such as price updates and customer generation, and for an Operator or Admin every run);
    /// since and until (created at or after, before); limit 1 to 200 (50).
    /// </summary>
    public static async Task<Results<Ok<RunPage>, ValidationProblem>> ListRuns(
        [AsParameters] RunListRequest request, ClaimsPrincipal user, RunEngine engine, RunKinds kinds, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Kind is { } kind && kinds.Find(kind) is null)
        {
            errors["kind"] = [$"'kind' must be one of: {string.Join(", ", kinds.All.Select(k => k.Name).Order(StringComparer.Ordinal))}."];
        }

        try
        {
            RunCursor.Decode(request.Cursor);
        }
        catch (FormatException)
        {
            errors["cursor"] = ["'cursor' must be a nextCursor this listing gave out."];
        }

        return errors.Count > 0
            ? TypedResults.ValidationProblem(errors)
            : TypedResults.Ok(await engine.ListAsync(request.ToQuery(), RunViewer.Of(user), ct));
    }

    /// <summary>A run with its attempts, its log and what you may do with it now.</summary>
    public static async Task<Results<Ok<RunDetails>, NotFound>> GetRun(Guid id, ClaimsPrincipal user, RunEngine engine, CancellationToken ct) =>
        await engine.DetailsAsync(id, RunViewer.Of(user), ct) is { } details ? TypedResults.Ok(details) : TypedResults.NotFound();

    /// <summary>
    /// Server-Sent Events: the run at each version (event id = its version), "progress" while it is active and "end"
    /// for its final state, after which the stream ends. With Last-Event-ID (or lastEventId in the query) it continues
    /// after that version, with nothing lost or repeated; 204 when the run had already ended there.
    /// </summary>
    public static async Task<Results<ServerSentEventsResult<RunResponse>, NoContent, NotFound, ValidationProblem>> StreamRunEvents(
        Guid id, [FromHeader(Name = LastEventIdHeader)] string? lastEventIdHeader, string? lastEventId, ClaimsPrincipal user,
        RunEngine engine, RunEventFeed events, CancellationToken ct)
    {
        // EventSource sends the header; the query parameter is for clients that cannot set headers.
        var (field, raw) = string.IsNullOrEmpty(lastEventIdHeader) ? (nameof(lastEventId), lastEventId) : (LastEventIdHeader, lastEventIdHeader);
        long? after = null;
        if (!string.IsNullOrEmpty(raw))
        {
            if (!long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    [field] = [$"'{field}' must be a whole number from 0 to {long.MaxValue}: the id of an event this stream sent."],
                });
            }

            after = version;
        }

        if (await engine.GetAsync(id, RunViewer.Of(user), ct) is not { } run)
        {
            return TypedResults.NotFound();
        }

        // 204 tells an EventSource to stop reconnecting: it already has the final event.
        return after is { } known && RunEventFeed.HasNothingAfter(run, known)
            ? TypedResults.NoContent()
            : TypedResults.ServerSentEvents(events.FollowAsync(id, after, ct));
    }

    /// <summary>
    /// Cancels a run: a queued one at once, a running one at its next step (keeping what it committed). 409 when it has
    /// already ended.
    /// </summary>
    public static async Task<Results<Accepted<RunResponse>, NotFound, Conflict<ProblemDetails>>> CancelRun(
        Guid id, ClaimsPrincipal user, RunEngine engine, CancellationToken ct) =>
        Acted(await engine.CancelAsync(id, RunViewer.Of(user), ct), "The run cannot be cancelled.");

    /// <summary>
    /// Runs an ended run again from the start as a new run (its retryOf names this one), with the same parameters,
    /// checked again; it belongs to the original run's owner. Needs the role that starts runs of its kind.
    /// </summary>
    public static async Task<Results<Accepted<RunResponse>, NotFound, Conflict<ProblemDetails>, ProblemHttpResult>> RetryRun(
        Guid id, ClaimsPrincipal user, RunEngine engine, CancellationToken ct)
    {
        var result = await engine.RetryAsync(id, RunViewer.Of(user), RunOwner.Of(user), role => user.Allows(role), ct);
        return result.Outcome switch
        {
            RunActionOutcome.Done => TypedResults.Accepted($"/api/runs/{result.Run!.Id}", result.Run!),
            RunActionOutcome.Forbidden => RoleProblems.ForbiddenResult(result.RequiredRole!, user),
            RunActionOutcome.Conflict => Conflict(result, "The run cannot be retried."),
            _ => TypedResults.NotFound(),
        };
    }

    /// <summary>Continues a failed or cancelled run from its last committed step, as a new attempt of the same run.</summary>
    public static async Task<Results<Accepted<RunResponse>, NotFound, Conflict<ProblemDetails>>> ResumeRun(
        Guid id, ClaimsPrincipal user, RunEngine engine, CancellationToken ct) =>
        Acted(await engine.ResumeAsync(id, RunViewer.Of(user), ct), "The run cannot be resumed.");

    private static Results<Accepted<RunResponse>, NotFound, Conflict<ProblemDetails>> Acted(RunActionResult result, string conflictTitle) =>
        result.Outcome switch
        {
            RunActionOutcome.Done => TypedResults.Accepted($"/api/runs/{result.Run!.Id}", result.Run!),
            RunActionOutcome.Conflict => Conflict(result, conflictTitle),
            _ => TypedResults.NotFound(),
        };

    private static Conflict<ProblemDetails> Conflict(RunActionResult result, string title)
    {
        var problem = new ProblemDetails { Status = StatusCodes.Status409Conflict, Title = title, Detail = result.Reason };
        if (result.Run is { } run)
        {
            problem.Extensions["run"] = run;
        }

        return TypedResults.Conflict(problem);
    }
}

using System.Net.ServerSentEvents;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using TodoDashboard.Infrastructure;
using TodoDashboard.Infrastructure.Auth;
using TodoDashboard.Infrastructure.Runs;

namespace TodoDashboard.Features.Jobs;

public static class JobsEndpoints
{
    public static RouteGroupBuilder MapJobsEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/jobs").WithTags("Jobs").RequireAuthorization(AppRoles.Member);

        group.MapPost("/", StartJob).WithName(nameof(StartJob));
        group.MapGet("/", ListJobs).WithName(nameof(ListJobs));
        group.MapGet("/{id:guid}", GetJob).WithName(nameof(GetJob));
        group.MapGet("/{id:guid}/events", StreamJobEvents).WithName(nameof(StreamJobEvents));
        group.MapPost("/{id:guid}/cancel", CancelJob).WithName(nameof(CancelJob));
        return group;
    }

    public static async Task<Results<Accepted<JobResponse>, Conflict<ProblemDetails>>> StartJob(
        StartJobRequest request, ClaimsPrincipal user, JobService jobs, HttpContext http, CancellationToken ct)
    {
        var result = await jobs.StartAsync(RunOwner.Of(user), request.Items, ct);
        return SingleActiveResults.StartedOrActive(http, result.Started, result.Job, result.Job.Id, $"/api/jobs/{result.Job.Id}", "activeJob",
            "You already have an active job.",
            $"Job {result.Job.Id} is {result.Job.Status.ToString().ToLowerInvariant()}: wait for it to finish or cancel it.");
    }

    public static async Task<Ok<IReadOnlyList<JobResponse>>> ListJobs(ClaimsPrincipal user, JobService jobs, CancellationToken ct) =>
        TypedResults.Ok(await jobs.ListAsync(user.GetUserId(), ct));

    public static async Task<Results<Ok<JobResponse>, NotFound>> GetJob(Guid id, ClaimsPrincipal user, JobService jobs, CancellationToken ct) =>
        await jobs.GetAsync(user.GetUserId(), id, ct) is { } job ? TypedResults.Ok(job) : TypedResults.NotFound();

    /// <summary>
    /// Server-Sent Events: the job's state, then every change as it commits, until the job ends; the run's event feed
    /// seen as a job, so its ids are the run's versions.
    /// </summary>
    public static async Task<Results<ServerSentEventsResult<JobResponse>, NotFound>> StreamJobEvents(
        Guid id, ClaimsPrincipal user, JobService jobs, RunEventFeed feed, CancellationToken ct)
    {
        if (await jobs.GetAsync(user.GetUserId(), id, ct) is null)
        {
            return TypedResults.NotFound();
        }

        return TypedResults.ServerSentEvents(Events(feed.FollowAsync(id, null, ct)));

        static async IAsyncEnumerable<SseItem<JobResponse>> Events(IAsyncEnumerable<SseItem<RunResponse>> runs)
        {
            JobResponse? last = null;
            await foreach (var run in runs)
            {
                // A version that changed nothing a job shows (a new attempt, the time spent) is not a job event.
                var job = JobResponse.From(run.Data);
                if (job != last)
                {
                    last = job;
                    yield return new SseItem<JobResponse>(job, run.EventType) { EventId = run.EventId };
                }
            }
        }
    }

    public static async Task<Results<Accepted<JobResponse>, NotFound, Conflict<ProblemDetails>>> CancelJob(
        Guid id, ClaimsPrincipal user, JobService jobs, CancellationToken ct)
    {
        // Operators may cancel anyone's job; for everyone else another user's job does not exist.
        var result = await jobs.CancelAsync(RunViewer.Of(user), id, ct);
        return result.Outcome switch
        {
            RunActionOutcome.Done => TypedResults.Accepted($"/api/jobs/{id}", JobResponse.From(result.Run!)),
            RunActionOutcome.Conflict => TypedResults.Conflict(new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "The job has already finished.",
                Detail = $"Job {id} ended {JobResponse.StatusOf(result.Run!.State).ToString().ToLowerInvariant()}.",
            }),
            _ => TypedResults.NotFound(),
        };
    }
}

using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace TodoDashboard.Infrastructure;

/// <summary>
/// The answer of a start endpoint that allows one active run at a time (a user's job, the customer generator):
/// 202 Accepted with the new run's location, or 409 whose Location and body name the run already active.
/// </summary>
public static class SingleActiveResults
{
    /// <param name="activeName">The body's name for the active run: <c>activeJob</c> and <c>activeJobId</c>, say.</param>
    public static Results<Accepted<T>, Conflict<ProblemDetails>> StartedOrActive<T>(
        HttpContext http, bool started, T run, object runId, string location, string activeName, string title, string detail)
    {
        if (started)
        {
            return TypedResults.Accepted(location, run);
        }

        http.Response.Headers.Location = location;
        return TypedResults.Conflict(new ProblemDetails
        {
            Status = StatusCodes.Status409Conflict,
            Title = title,
            Detail = detail,
            Extensions = { [$"{activeName}Id"] = runId, [activeName] = run },
        });
    }
}

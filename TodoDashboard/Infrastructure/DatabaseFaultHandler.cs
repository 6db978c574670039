using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace TodoDashboard.Infrastructure;

/// <summary>
/// A request the database could not serve is a 503 with <c>Retry-After</c> and a problem saying which way it failed,
/// never a 500: a query that outlived its command timeout (the server is overloaded, or a lock holds the table), or a
/// database out of reach (restarting, not accepting connections, or a pooled connection it terminated; Npgsql marks
/// these transient). The pool's idle connections are then dropped (they are likely broken the same way), so the retry
/// the header invites gets a fresh one; reads are retried once before it comes to this (<see cref="DatabaseReadRetryMiddleware"/>).
/// </summary>
internal sealed class DatabaseFaultHandler(IProblemDetailsService problemDetails, NpgsqlDataSource dataSource) : IExceptionHandler
{
    /// <summary>Seconds a client should wait before trying again.</summary>
    internal const string RetryAfterSeconds = "5";

    internal const string TimeoutTitle = "The database did not answer in time.";

    internal const string UnavailableTitle = "The database is not available at the moment.";

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var fault = Classify(exception);
        var problem = fault switch
        {
            DatabaseFault.Timeout => new ProblemDetails
            {
                Title = TimeoutTitle,
                Detail = "The query ran longer than the database command timeout; try again, or narrow the query.",
            },
            DatabaseFault.Unavailable => new ProblemDetails
            {
                Title = UnavailableTitle,
                Detail = "The request could not reach the database (it may be restarting). Try again in a few seconds; "
                    + "if it was a change, read it back first to see whether it was saved.",
            },
            _ => null,
        };
        if (problem is null || context.Response.HasStarted)
        {
            return false;
        }

        if (fault == DatabaseFault.Unavailable)
        {
            // The idle connections are likely broken the same way: drop them, so the retry gets a fresh one.
            dataSource.Clear();
        }

        problem.Status = StatusCodes.Status503ServiceUnavailable;
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = RetryAfterSeconds;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, Exception = exception, ProblemDetails = problem });
    }

    /// <summary>What kind of database fault an exception is, looking through the wrappers EF and Npgsql put around it.</summary>
    internal static DatabaseFault Classify(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case TimeoutException:
                case PostgresException { SqlState: PostgresErrorCodes.QueryCanceled }:
                case NpgsqlException { InnerException: TimeoutException }:
                    return DatabaseFault.Timeout;
                case PostgresException { SqlState: var state }:
                    // Connection exceptions (08), the server shutting down or starting (57P01–57P03), too many
                    // connections (53300), a serialization failure or deadlock (40001, 40P01): worth trying again.
                    // Any other refusal of this statement (a constraint, a bad value) is the request's, not an outage.
                    return state.StartsWith("08", StringComparison.Ordinal) || state.StartsWith("57P0", StringComparison.Ordinal)
                        || state is PostgresErrorCodes.TooManyConnections or PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected
                        ? DatabaseFault.Unavailable
                        : DatabaseFault.None;
                case NpgsqlException { IsTransient: true }:
                    // The socket failed: refused, reset, or closed by a server that terminated the connection.
                    return DatabaseFault.Unavailable;
            }
        }

        return DatabaseFault.None;
    }
}

/// <summary>How a request's database work failed, for <see cref="DatabaseFaultHandler"/>.</summary>
public enum DatabaseFault
{
    None,
    Timeout,
    Unavailable,
}

using Npgsql;

namespace TodoDashboard.Components;

/// <summary>
/// The one way a component tells a user that something failed: the exception goes to the log, the user gets what
/// happened in their words ("Could not save the todo: the database did not answer in time. Try again."), never the
/// exception's own message, which may carry SQL, stack details or another user's data.
/// </summary>
public sealed partial class UserErrors(ILogger<UserErrors> logger)
{
    /// <summary>Logs <paramref name="exception"/> and returns "Could not <paramref name="action"/>: why. What to do."</summary>
    public string Report(Exception exception, string action)
    {
        LogFailed(logger, action, exception);
        return $"Could not {action}: {Reason(exception)}";
    }

    private static string Reason(Exception exception) => exception switch
    {
        TimeoutException or NpgsqlException { InnerException: TimeoutException } or PostgresException { SqlState: PostgresErrorCodes.QueryCanceled }
            => "the database did not answer in time. Try again, or narrow what you asked for.",
        NpgsqlException { IsTransient: true } or System.Net.Sockets.SocketException
            => "the database could not be reached. Try again in a moment.",
        _ => "something went wrong on the server. Try again; if it keeps happening, the server's log says why.",
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "A page could not {Action}.")]
    private static partial void LogFailed(ILogger logger, string action, Exception exception);
}

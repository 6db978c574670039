using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace TodoDashboard.Tests.Infrastructure.Fuzz;

/// <summary>
/// Remembers the exception behind each logged server error by the request's trace identifier (the problem details' traceId),
/// so a 5xx can be reported with its cause rather than the generic title.
/// </summary>
public sealed class ServerErrorLog(IHttpContextAccessor http) : ILoggerProvider
{
    private readonly ConcurrentDictionary<string, string> _causes = new();
    private readonly IHttpContextAccessor _http = http;

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public string? CauseOf(string? traceId) => traceId is not null && _causes.TryGetValue(traceId, out var cause) ? cause : null;

    public void Dispose()
    {
    }

    public static string Describe(Exception exception)
    {
        var parts = new List<string>();
        for (var e = exception; e is not null && parts.Count < 3; e = e.InnerException)
        {
            parts.Add($"{e.GetType().Name}: {e.Message.Split('\n')[0].Trim()}");
        }

        return string.Join(" <- ", parts);
    }

    private sealed class Logger(ServerErrorLog log) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (exception is null || logLevel < LogLevel.Error)
            {
                return;
            }

            var cause = Describe(exception);
            foreach (var key in new[] { log._http.HttpContext?.TraceIdentifier, Activity.Current?.Id })
            {
                if (key is not null)
                {
                    log._causes.TryAdd(key, cause);
                }
            }
        }
    }
}

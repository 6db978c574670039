using System.Diagnostics;
using System.Globalization;

namespace TodoDashboard.Infrastructure;

/// <summary>
/// Every API response reports the server's own time in a <c>Server-Timing: app;dur=…</c> header (milliseconds,
/// from the start of the pipeline to the first byte), which browsers' dev tools and load scripts can read.
/// </summary>
public static class ServerTiming
{
    public const string Header = "Server-Timing";

    public static WebApplication UseServerTiming(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/api"))
            {
                var startedAt = Stopwatch.GetTimestamp();
                context.Response.OnStarting(() =>
                {
                    var elapsed = Stopwatch.GetElapsedTime(startedAt).TotalMilliseconds;
                    context.Response.Headers.Append(Header, string.Create(CultureInfo.InvariantCulture, $"app;dur={elapsed:0.###}"));
                    return Task.CompletedTask;
                });
            }

            return next(context);
        });
        return app;
    }
}

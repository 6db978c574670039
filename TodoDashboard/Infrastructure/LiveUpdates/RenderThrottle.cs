namespace TodoDashboard.Infrastructure.LiveUpdates;

/// <summary>
/// Coalesces bursts of change notifications into at most one render per <paramref name="interval"/>:
/// the first request renders after the interval since the last render, later ones ride along.
/// </summary>
public sealed class RenderThrottle(TimeSpan interval, Func<Task> render, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private int _pending;
    private long _lastRender;

    public void Request()
    {
        if (Interlocked.Exchange(ref _pending, 1) == 1)
        {
            return;
        }

        var wait = interval - _clock.GetElapsedTime(Interlocked.Read(ref _lastRender));
        _ = RenderAfterAsync(wait > TimeSpan.Zero ? wait : TimeSpan.Zero);
    }

    private async Task RenderAfterAsync(TimeSpan wait)
    {
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, _clock);
        }

        Interlocked.Exchange(ref _lastRender, _clock.GetTimestamp());
        Volatile.Write(ref _pending, 0);
        await render();
    }
}

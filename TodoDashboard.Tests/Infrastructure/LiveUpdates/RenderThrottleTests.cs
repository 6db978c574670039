using Microsoft.Extensions.Time.Testing;
using TodoDashboard.Infrastructure.LiveUpdates;

namespace TodoDashboard.Tests.Infrastructure.LiveUpdates;

/// <summary>The throttle on a hand-driven clock: when a request renders, and which requests ride along.</summary>
[Trait("Category", "Unit")]
public sealed class RenderThrottleTests : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    private readonly FakeTimeProvider _clock = new();
    private readonly SemaphoreSlim _rendered = new(0);
    private readonly RenderThrottle _throttle;
    private int _renders;
    private Action? _duringRender;

    public RenderThrottleTests() => _throttle = new RenderThrottle(Interval, Render, _clock);

    [Fact]
    public void The_first_request_renders_at_once()
    {
        _throttle.Request();

        Assert.Equal(1, _renders);
    }

    [Fact]
    public async Task A_request_soon_after_a_render_waits_for_the_rest_of_the_interval_and_not_a_tick_less()
    {
        _throttle.Request();
        _clock.Advance(TimeSpan.FromMilliseconds(400));

        _throttle.Request();
        _clock.Advance(TimeSpan.FromMilliseconds(99));
        Assert.Equal(1, _renders);

        _clock.Advance(TimeSpan.FromMilliseconds(1));
        await RendersAsync(2);
    }

    [Fact]
    public async Task A_burst_of_requests_while_one_waits_rides_along_with_it_as_a_single_render()
    {
        _throttle.Request();
        for (var i = 0; i < 50; i++)
        {
            _throttle.Request();
        }

        Assert.Equal(1, _renders);
        _clock.Advance(Interval);
        await RendersAsync(2);
        _clock.Advance(Interval * 10);
        Assert.Equal(2, _renders);
    }

    [Fact]
    public void A_request_after_a_quiet_interval_renders_at_once()
    {
        _throttle.Request();
        _clock.Advance(Interval + TimeSpan.FromMilliseconds(1));

        _throttle.Request();

        Assert.Equal(2, _renders);
    }

    [Fact]
    public async Task A_request_made_while_rendering_is_not_lost_but_renders_an_interval_later()
    {
        _duringRender = () =>
        {
            _duringRender = null;
            _throttle.Request();
        };

        _throttle.Request();
        Assert.Equal(1, _renders);

        _clock.Advance(Interval);
        await RendersAsync(2);
    }

    public void Dispose() => _rendered.Dispose();

    private Task Render()
    {
        Interlocked.Increment(ref _renders);
        _duringRender?.Invoke();
        _rendered.Release();
        return Task.CompletedTask;
    }

    // A render after the delay may continue on another thread: wait for it to be counted rather than for the clock.
    private async Task RendersAsync(int expected)
    {
        while (Volatile.Read(ref _renders) < expected)
        {
            Assert.True(await _rendered.WaitAsync(TimeSpan.FromSeconds(10)), $"Not {expected} renders within 10 s.");
        }

        Assert.Equal(expected, Volatile.Read(ref _renders));
    }
}

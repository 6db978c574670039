using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using TodoDashboard.Infrastructure.LiveUpdates;
using TodoDashboard.Infrastructure.Telemetry;
using TodoDashboard.Tests.Infrastructure.Runs;

namespace TodoDashboard.Tests.Infrastructure.LiveUpdates;

/// <summary>The one subscriber component on its own, with a hand-driven source of changes: no database needed.</summary>
[Trait("Category", "Unit")]
public sealed class LiveRefreshTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly BunitContext _bunit = new();
    private readonly ChangeSource _source = new();
    private int _refreshes;
    private int _lastSeen;

    public LiveRefreshTests() => _bunit.Services.AddSingleton(TimeProvider.System).AddMetrics().AddSingleton<AppMetrics>();

    [Fact]
    public void It_refreshes_once_right_after_subscribing_so_a_change_before_the_subscription_is_not_lost()
    {
        var live = Render();

        live.WaitForAssertion(() => Assert.Equal(1, _refreshes), Patience);
        Assert.Equal(1, _source.Subscribers);
        Assert.Equal(1, live.Instance.Refreshes);
    }

    [Fact]
    public async Task A_burst_of_changes_is_coalesced_into_a_few_refreshes_and_the_last_one_sees_the_last_change()
    {
        var live = Render();
        live.WaitForAssertion(() => Assert.Equal(1, _refreshes), Patience);

        for (var change = 1; change <= 200; change++)
        {
            _source.Raise(change);
        }

        // The callback's receiver is the test, not a component, so nothing renders: wait on the counter itself.
        await RunsFactory.WaitUntilAsync(() => Task.FromResult(Volatile.Read(ref _lastSeen) == 200), "a refresh that saw the last change");
        Assert.InRange(_refreshes, 2, 10);
    }

    [Fact]
    public async Task Disposing_the_page_that_holds_it_unsubscribes()
    {
        var live = Render();
        live.WaitForAssertion(() => Assert.Equal(1, _source.Subscribers), Patience);

        await _bunit.DisposeComponentsAsync();

        Assert.Equal(0, _source.Subscribers);
        _source.Raise(1);
        Assert.Equal(0, _lastSeen);
    }

    private IRenderedComponent<LiveRefresh> Render() => _bunit.Render<LiveRefresh>(parameters => parameters
        .Add(p => p.Subscribe, _source.Subscribe)
        .Add(p => p.OnChange, EventCallback.Factory.Create(this, () =>
        {
            Interlocked.Increment(ref _refreshes);
            Volatile.Write(ref _lastSeen, _source.Latest);
        })));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _bunit.DisposeAsync();

    /// <summary>A notifier stand-in: callers subscribe, the test raises numbered changes.</summary>
    private sealed class ChangeSource
    {
        private readonly List<Action> _handlers = [];
        private int _latest;

        public int Subscribers
        {
            get
            {
                lock (_handlers)
                {
                    return _handlers.Count;
                }
            }
        }

        public int Latest => Volatile.Read(ref _latest);

        public Unsubscriber Subscribe(Action changed)
        {
            lock (_handlers)
            {
                _handlers.Add(changed);
            }

            return new Unsubscriber(() =>
            {
                lock (_handlers)
                {
                    _handlers.Remove(changed);
                }
            });
        }

        public void Raise(int change)
        {
            Volatile.Write(ref _latest, change);
            Action[] handlers;
            lock (_handlers)
            {
                handlers = [.. _handlers];
            }

            foreach (var handler in handlers)
            {
                handler();
            }
        }
    }

    internal sealed class Unsubscriber(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}

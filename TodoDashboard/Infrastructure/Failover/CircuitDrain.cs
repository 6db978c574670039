using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace TodoDashboard.Infrastructure.Failover;

/// <summary>
/// A graceful stop (SIGTERM: a rolling deploy, <c>docker compose up --scale app=2</c> after 3, Ctrl+C) moves this
/// instance's pages to another instance instead of dropping them. Before the server stops, every live circuit is asked to
/// pause: the browser takes the circuit's persisted state (every <c>[PersistentState]</c> property; Data Protection
/// keys are shared, so any instance can read it) and resumes it through the proxy, which this instance now refuses
/// (<see cref="FailoverSetup"/>: 503 on <c>/_blazor</c>, so nginx walks on to the next instance). A crash gives no
/// such chance: then the page reloads onto a surviving instance (wwwroot/js/failover.js).
/// </summary>
public sealed partial class CircuitDrain(IConfiguration configuration, ILogger<CircuitDrain> logger) : IHostedLifecycleService
{
    private readonly ConcurrentDictionary<object, Func<Task>> _circuits = new();
    private readonly TimeSpan _timeout = configuration.GetValue("Failover:DrainTimeout", TimeSpan.FromSeconds(10));

    /// <summary>True once the instance is stopping: it opens no new circuit.</summary>
    public bool Draining { get; private set; }

    /// <summary>A live circuit's way to move itself; disposing the subscription (the circuit ended) forgets it.</summary>
    public IDisposable Register(Func<Task> move)
    {
        var key = new object();
        _circuits[key] = move;
        return new Registration(() => _circuits.TryRemove(key, out _));
    }

    private readonly List<PosixSignalRegistration> _signals = [];
    private Task? _drained;

    /// <summary>
    /// SIGTERM and SIGINT drain first, before the host hears of them: once the host is stopping, the circuits no
    /// longer reach their browsers. Registered after the host's own handler, so it runs before it; the host's handler
    /// then stops the app as usual.
    /// </summary>
    public Task StartedAsync(CancellationToken cancellationToken)
    {
        foreach (var signal in new[] { PosixSignal.SIGTERM, PosixSignal.SIGINT })
        {
            _signals.Add(PosixSignalRegistration.Create(signal, _ => DrainAsync(CancellationToken.None).GetAwaiter().GetResult()));
        }

        return Task.CompletedTask;
    }

    // A stop by other means (the host disposed in a test, IHostApplicationLifetime.StopApplication) drains here.
    public Task StoppingAsync(CancellationToken cancellationToken) => DrainAsync(cancellationToken);

    private Task DrainAsync(CancellationToken cancellationToken)
    {
        lock (_signals)
        {
            return _drained ??= MoveAllAsync(cancellationToken);
        }
    }

    private async Task MoveAllAsync(CancellationToken cancellationToken)
    {
        Draining = true;
        var moving = _circuits.Values.ToList();
        if (moving.Count == 0)
        {
            return;
        }

        LogMoving(logger, moving.Count);
        await Task.WhenAll(moving.Select(async move =>
        {
            try
            {
                await move();
            }
            catch (Exception ex)
            {
                // That browser is gone or did not answer: it reconnects (or reloads) on its own.
                LogNotAsked(logger, ex);
            }
        }));

        // The browsers pause and leave; each circuit that ends unregisters. Wait for them, not past the timeout.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        while (!_circuits.IsEmpty && !timeout.IsCancellationRequested)
        {
            await Task.Delay(100, CancellationToken.None);
        }

        LogMoved(logger, moving.Count - _circuits.Count, _circuits.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: moving {Circuits} circuit(s) to other instances.")]
    private static partial void LogMoving(ILogger logger, int circuits);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A circuit could not be asked to move.")]
    private static partial void LogNotAsked(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: {Moved} circuit(s) left, {Left} still here.")]
    private static partial void LogMoved(ILogger logger, int moved, int left);

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        _signals.ForEach(signal => signal.Dispose());
        return Task.CompletedTask;
    }

    private sealed class Registration(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}

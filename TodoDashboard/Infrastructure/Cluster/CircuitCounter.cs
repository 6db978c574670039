using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace TodoDashboard.Infrastructure.Cluster;

/// <summary>
/// This instance's Blazor circuits: open ones, and of those the ones whose browser is connected now (a circuit outlives
/// a dropped connection until it reconnects or is evicted). One handler for every circuit, so the counts are the process's.
/// Each circuit's connection is kept by id, so an event reported twice (a connection down, then the circuit disposed) counts once.
/// </summary>
public sealed class CircuitCounter : CircuitHandler
{
    private readonly ConcurrentDictionary<string, bool> _connected = new(StringComparer.Ordinal);

    public int Open => _connected.Count;

    public int Connected => _connected.Count(c => c.Value);

    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        _connected.TryAdd(circuit.Id, false);
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        _connected.TryRemove(circuit.Id, out _);
        return Task.CompletedTask;
    }

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken) => Mark(circuit, connected: true);

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken) => Mark(circuit, connected: false);

    // Only a circuit that is open: a late event for a closed one must not bring it back.
    private Task Mark(Circuit circuit, bool connected)
    {
        if (_connected.TryGetValue(circuit.Id, out var was))
        {
            _connected.TryUpdate(circuit.Id, connected, was);
        }

        return Task.CompletedTask;
    }
}

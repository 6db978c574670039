using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using TodoDashboard.Infrastructure.Telemetry;

namespace TodoDashboard.Tests.Infrastructure.Telemetry;

/// <summary>
/// The measurements of the app's meter made through one <see cref="IMeterFactory"/> (one container's
/// <see cref="AppMetrics"/>), not another test's or another app instance's, which share the meter's name.
/// </summary>
public sealed class MeterRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ServiceProvider? _ownServices;
    private readonly List<RecordedMeasurement> _measurements = [];

    /// <summary>Records what <paramref name="meters"/> (an app's) measure.</summary>
    public MeterRecorder(IMeterFactory meters)
    {
        Metrics = new AppMetrics(meters);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == AppMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, meters))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.Start();
    }

    private MeterRecorder(ServiceProvider services)
        : this(services.GetRequiredService<IMeterFactory>())
    {
        _ownServices = services;
    }

    /// <summary>A recorder with an <see cref="AppMetrics"/> of its own, for unit tests.</summary>
    public static MeterRecorder WithOwnMetrics() => new(new ServiceCollection().AddMetrics().BuildServiceProvider());

    /// <summary>An <see cref="AppMetrics"/> on the recorded factory (the factory hands out one meter per name, so it is the app's meter).</summary>
    public AppMetrics Metrics { get; }

    public IReadOnlyList<RecordedMeasurement> Of(string name)
    {
        lock (_measurements)
        {
            return _measurements.Where(m => m.Name == name).ToList();
        }
    }

    public void Dispose()
    {
        _listener.Dispose();
        _ownServices?.Dispose();
    }

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var recorded = new RecordedMeasurement(instrument.Name, value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value));
        lock (_measurements)
        {
            _measurements.Add(recorded);
        }
    }
}

public sealed record RecordedMeasurement(string Name, double Value, IReadOnlyDictionary<string, object?> Tags);

using System.Collections.ObjectModel;
using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace TodoDashboard.Tests.Infrastructure.Telemetry;

/// <summary>The app with OpenTelemetry's in-memory exporters added to its tracer and meter providers.</summary>
public sealed class TelemetryFactory : TodoDashboardFactory
{
    public LockedCollection<Activity> Activities { get; } = new();

    public LockedCollection<MetricSnapshot> Metrics { get; } = new();

    /// <summary>Every span ended so far.</summary>
    public IReadOnlyList<Activity> EndedActivities()
    {
        Services.GetRequiredService<TracerProvider>().ForceFlush();
        return Activities.Snapshot();
    }

    /// <summary>
    /// The sum of a counter's points whose tags include every one of <paramref name="tags"/>, as collected now: from the
    /// newest snapshot of it (the totals are cumulative; the periodic export may have added one beside the flush's).
    /// </summary>
    public long CounterSum(string name, params (string Key, string Value)[] tags)
    {
        Metrics.Clear();
        Services.GetRequiredService<MeterProvider>().ForceFlush();
        return Metrics.Snapshot().LastOrDefault(m => m.Name == name)?.MetricPoints
            .Where(point => tags.All(tag => HasTag(point, tag.Key, tag.Value)))
            .Sum(point => point.GetSumLong()) ?? 0;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // No OTLP endpoint here, so spans are made only because the sampler is named (the SDK reads it too).
        builder.UseSetting("OTEL_TRACES_SAMPLER", "always_on");
        builder.ConfigureServices(services => services
            .ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(Activities))
            .ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(Metrics)));
    }

    private static bool HasTag(MetricPoint point, string key, string value)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == key && tag.Value as string == value)
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>A collection the exporters add to from their threads while a test reads it.</summary>
public sealed class LockedCollection<T> : Collection<T>
{
    public IReadOnlyList<T> Snapshot()
    {
        lock (Items)
        {
            return Items.ToList();
        }
    }

    protected override void InsertItem(int index, T item)
    {
        lock (Items)
        {
            base.InsertItem(index, item);
        }
    }

    protected override void ClearItems()
    {
        lock (Items)
        {
            base.ClearItems();
        }
    }
}

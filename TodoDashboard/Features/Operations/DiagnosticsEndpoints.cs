using System.Diagnostics;
using System.Runtime;
using Microsoft.AspNetCore.Http.HttpResults;
using TodoDashboard.Infrastructure.Auth;
using TodoDashboard.Infrastructure.Cluster;

namespace TodoDashboard.Features.Operations;

/// <summary>
/// /api/operations/diagnostics/memory: this instance's memory after a forced, compacting full collection, with its
/// open circuits, so memory per circuit can be measured from outside (bench/jobs.sh). A full blocking GC stalls every
/// request, so it is mapped only where Diagnostics:MemoryEndpoint is on (appsettings.Development.json), and for Admins.
/// </summary>
public static class DiagnosticsEndpoints
{
    public const string Setting = "Diagnostics:MemoryEndpoint";

    public static IEndpointRouteBuilder MapDiagnosticsEndpoints(this IEndpointRouteBuilder app)
    {
        if (app.ServiceProvider.GetRequiredService<IConfiguration>().GetValue<bool>(Setting))
        {
            app.MapGroup("/api/operations/diagnostics").WithTags("Operations").RequireAuthorization(AppRoles.Admin)
                .MapGet("/memory", GetMemory).WithName(nameof(GetMemory));
        }

        return app;
    }

    /// <summary>
    /// Collects every generation (compacting the large object heap too), waits for finalizers, collects again, then
    /// reports the managed heap (live objects), what the GC holds from the OS, the process's working set and the
    /// circuits open on this instance.
    /// </summary>
    public static Ok<MemoryDiagnostics> GetMemory(CircuitCounter circuits)
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        var info = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        using var process = Process.GetCurrentProcess();
        return TypedResults.Ok(new MemoryDiagnostics(
            GC.GetTotalMemory(forceFullCollection: false), info.HeapSizeBytes, info.FragmentedBytes, info.TotalCommittedBytes,
            process.WorkingSet64, circuits.Open, circuits.Connected));
    }
}

/// <summary>
/// Bytes: <c>managedBytes</c> are the live objects after the collection; <c>heapBytes</c> the heap's size then (with
/// <c>fragmentedBytes</c>, the free space inside it); <c>committedBytes</c> what the GC holds from the OS;
/// <c>workingSetBytes</c> the process's resident memory (RSS).
/// </summary>
public sealed record MemoryDiagnostics(
    long ManagedBytes, long HeapBytes, long FragmentedBytes, long CommittedBytes, long WorkingSetBytes, int CircuitsOpen, int CircuitsConnected);

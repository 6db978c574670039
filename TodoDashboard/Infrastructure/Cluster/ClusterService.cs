using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;
using TodoDashboard.Data;
using TodoDashboard.Infrastructure.Runs;

namespace TodoDashboard.Infrastructure.Cluster;

/// <summary>Reads the cluster as this instance sees it: which instances are alive, what each runs, and their circuits.</summary>
public sealed class ClusterService(
    IDbContextFactory<AppDbContext> dbFactory,
    ISchedulerFactory schedulers,
    RunEngine engine,
    CircuitCounter circuits,
    IOptions<ClusterOptions> options,
    TimeProvider clock)
{
    /// <summary>Every instance, this one first; the running runs among those <paramref name="viewer"/> may see.</summary>
    public async Task<ClusterResponse> ReadAsync(RunViewer viewer, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var scheduler = await schedulers.GetScheduler(ct);
        var nodes = await scheduler.QueryClusterNodes(ct);
        var running = await engine.RunningAsync(viewer, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        // Rows past their retention may wait for the next heartbeat's clean-up; they are not shown meanwhile.
        var shownSince = now - options.Value.LostRetention;
        var published = await db.Set<ClusterInstance>().AsNoTracking().Where(i => i.LastSeenAt >= shownSince).ToListAsync(ct);
        return new ClusterResponse(scheduler.SchedulerInstanceId, now, ClusterView.Combine([.. nodes], published, running, circuits.Open));
    }

    /// <summary>One instance by its scheduler instance id, or null when the cluster does not know it.</summary>
    public async Task<ClusterInstanceResponse?> FindAsync(string instanceId, RunViewer viewer, CancellationToken ct = default) =>
        (await ReadAsync(viewer, ct)).Instances.FirstOrDefault(i => i.InstanceId == instanceId);
}

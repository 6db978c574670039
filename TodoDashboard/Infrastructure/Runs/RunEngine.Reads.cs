using Microsoft.EntityFrameworkCore;

namespace TodoDashboard.Infrastructure.Runs;

/// <summary>Reading runs: one, the active one of a key, details, listings, the running ones by node, throughput, events and retention.</summary>
public sealed partial class RunEngine
{
    public async Task<RunResponse?> GetAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var run = await db.Set<Run>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
        return run is null ? null : RunResponse.From(run);
    }

    /// <summary>The run if <paramref name="viewer"/> may see it (another user's private run does not exist for them).</summary>
    public async Task<RunResponse?> GetAsync(Guid id, RunViewer viewer, CancellationToken ct = default) =>
        await GetAsync(id, ct) is { } run && MaySee(run, viewer) ? run : null;

    public async Task<RunResponse?> ActiveAsync(string kind, string activeKey, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var run = await db.Set<Run>().AsNoTracking()
            .SingleOrDefaultAsync(r => r.Kind == kind && r.ActiveKey == activeKey && (r.State == RunState.Queued || r.State == RunState.Running), ct);
        return run is null ? null : RunResponse.From(run);
    }

    public async Task<RunDetails?> DetailsAsync(Guid id, RunViewer viewer, CancellationToken ct = default)
    {
        if (await GetAsync(id, viewer, ct) is not { } run)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var attempts = (await db.Set<RunAttempt>().AsNoTracking().Where(a => a.RunId == id).OrderBy(a => a.Number).ToListAsync(ct))
            .Select(a => new RunAttemptResponse(a.Number, a.Node, a.StartedAt, a.FinishedAt, a.DoneAtStart, a.DoneAtEnd, a.Outcome?.ToString())).ToList();
        var lines = await db.Set<RunLogEntry>().AsNoTracking().Where(l => l.RunId == id).OrderBy(l => l.Id)
            .Select(l => new RunLogLine(l.Id, l.At, l.Level, l.Message)).ToListAsync(ct);
        return new RunDetails(run, attempts, lines, ActionsFor(run, viewer));
    }

    /// <summary>Newest first, keyset paged on (created, id); a member sees their own runs and the kinds everyone sees.</summary>
    public async Task<RunPage> ListAsync(RunQuery query, RunViewer viewer, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var runs = db.Set<Run>().AsNoTracking();
        if (query.Owner == RunOwnerFilter.Me)
        {
            runs = runs.Where(r => r.OwnerId == viewer.UserId);
        }
        else
        {
            runs = Visible(runs, viewer);
        }

        if (query.Kind is { } kind)
        {
            runs = runs.Where(r => r.Kind == kind);
        }

        if (query.State is { } state)
        {
            runs = runs.Where(r => r.State == state);
        }

        if (query.Since is { } since)
        {
            runs = runs.Where(r => r.CreatedAt >= since);
        }

        if (query.Until is { } until)
        {
            runs = runs.Where(r => r.CreatedAt < until);
        }

        if (RunCursor.Decode(query.Cursor) is { } after)
        {
            runs = runs.Where(r => r.CreatedAt < after.CreatedAt || (r.CreatedAt == after.CreatedAt && r.Id.CompareTo(after.Id) < 0));
        }

        var limit = Math.Clamp(query.Limit, 1, MaxListLimit);
        var page = await runs.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).Take(limit + 1).ToListAsync(ct);
        var items = page.Take(limit).Select(RunResponse.From).ToList();
        return new RunPage(items, page.Count > limit ? RunCursor.Encode(items[^1]) : null);
    }

    /// <summary>The runs running now, with the node each one's current attempt runs on, among those the viewer sees; earliest started first.</summary>
    public async Task<IReadOnlyList<NodeRun>> RunningAsync(RunViewer viewer, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var running = await Visible(db.Set<Run>().AsNoTracking().Where(r => r.State == RunState.Running), viewer)
            .Join(db.Set<RunAttempt>(), r => new { r.Id, Number = r.Attempt }, a => new { Id = a.RunId, a.Number }, (r, a) => new { a.Node, Run = r })
            .OrderBy(x => x.Run.StartedAt).ThenBy(x => x.Run.Id)
            .ToListAsync(ct);
        return running.Select(x => new NodeRun(x.Node, RunResponse.From(x.Run))).ToList();
    }

    /// <summary>Runs finished per minute since <paramref name="since"/>, by kind and end state, among those the viewer sees.</summary>
    public async Task<IReadOnlyList<RunThroughput>> ThroughputAsync(DateTime since, RunViewer viewer, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var runs = Visible(db.Set<Run>().AsNoTracking().Where(r => r.FinishedAt >= since), viewer);

        var finished = await runs.Select(r => new { r.Kind, r.State, r.FinishedAt }).ToListAsync(ct);
        return finished
            .GroupBy(r => (Minute: Truncate(r.FinishedAt!.Value), r.Kind, r.State))
            .Select(g => new RunThroughput(g.Key.Minute, g.Key.Kind, g.Key.State, g.Count()))
            .OrderBy(t => t.Minute).ToList();

        static DateTime Truncate(DateTime at) => new(at.Ticks - (at.Ticks % TimeSpan.TicksPerMinute), DateTimeKind.Utc);
    }

    /// <summary>The events recorded after <paramref name="afterVersion"/>, oldest first: what a reconnecting stream missed.</summary>
    public async Task<IReadOnlyList<(long Version, string Payload)>> EventsAfterAsync(Guid id, long afterVersion, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT version, payload::text FROM run_events WHERE run_id = $1 AND version > $2 ORDER BY version
            """);
        command.Parameters.Add(new() { Value = id });
        command.Parameters.Add(new() { Value = afterVersion });
        var events = new List<(long, string)>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            events.Add((reader.GetInt64(0), reader.GetString(1)));
        }

        return events;
    }

    /// <summary>What the history keeps, and the latest clean-up (none yet: null fields).</summary>
    public async Task<RunRetentionStatus> RetentionAsync(CancellationToken ct = default)
    {
        var retention = options.Value.Retention;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var last = await db.Set<RunCleanup>().AsNoTracking().OrderByDescending(c => c.At).FirstOrDefaultAsync(ct);
        return new RunRetentionStatus(retention.MaxAge, retention.MaxRunsPerKind, retention.Interval, last?.At, last?.Node, last?.Deleted);
    }

    private bool MaySee(RunResponse run, RunViewer viewer) => kinds.MaySee(viewer, run.Kind, run.OwnerId);

    /// <summary><see cref="RunKinds.MaySee"/> as a query: the viewer's own runs and the shared kinds', or all for an Operator.</summary>
    private IQueryable<Run> Visible(IQueryable<Run> runs, RunViewer viewer)
    {
        if (viewer.SeesAll)
        {
            return runs;
        }

        var shared = kinds.VisibleToEveryone;
        return runs.Where(r => r.OwnerId == viewer.UserId || shared.Contains(r.Kind));
    }
}

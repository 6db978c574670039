using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Quartz;
using TodoDashboard.Data;
using TodoDashboard.Infrastructure.Validation;

namespace TodoDashboard.Infrastructure.Runs;

/// <summary>
/// The one way background work starts, is read and is acted on, whatever its kind: start (checked, single-active by
/// the database), cancel, retry and resume, listing and details. Execution is <see cref="RunExecutor"/>'s.
/// </summary>
public sealed partial class RunEngine(
    IDbContextFactory<AppDbContext> dbFactory,
    NpgsqlDataSource dataSource,
    ISchedulerFactory schedulers,
    RunKinds kinds,
    RunLog log,
    Microsoft.Extensions.Options.IOptions<RunsOptions> options,
    TimeProvider clock,
    ILogger<RunEngine> logger)
{
    public const int MaxListLimit = 200;

    /// <summary>Checks and inserts a run and hands it to Quartz, or, when its single-active key is taken, answers the active run.</summary>
    public Task<Validated<RunStart>> StartAsync<TParameters>(RunKind<TParameters> kind, RunOwner owner, TParameters parameters, CancellationToken ct = default)
        where TParameters : class => CreateAsync(kind, owner, parameters, schedule: true, ct);

    /// <summary>As <see cref="StartAsync"/>, but leaves the run queued for a caller that executes it itself (the command line).</summary>
    public Task<Validated<RunStart>> QueueAsync<TParameters>(RunKind<TParameters> kind, RunOwner owner, TParameters parameters, CancellationToken ct = default)
        where TParameters : class => CreateAsync(kind, owner, parameters, schedule: false, ct);

    private async Task<Validated<RunStart>> CreateAsync<TParameters>(
        RunKind<TParameters> kind, RunOwner owner, TParameters parameters, bool schedule, CancellationToken ct)
        where TParameters : class
    {
        if (RequestValidation.Errors(parameters) is { Count: > 0 } invalid)
        {
            return Validated.Invalid<RunStart>(invalid);
        }

        return await StartPlannedAsync(kind, owner, async context => RunKind<TParameters>.ToUntyped(await kind.PlanAsync(parameters, context, ct)), null, schedule, ct);
    }

    private async Task<Validated<RunStart>> StartPlannedAsync(
        IRunKind kind, RunOwner owner, Func<RunPlanContext, Task<Validated<RunPlan>>> plan, Guid? retryOf, bool schedule, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        await using (var connection = await dataSource.OpenConnectionAsync(ct))
        {
            await using var transaction = await connection.BeginTransactionAsync(ct);
            var planned = await plan(new RunPlanContext(owner, connection, transaction));
            if (planned.Value is not { } accepted)
            {
                return Validated.Invalid<RunStart>(planned.Errors);
            }

            // The partial unique index decides, atomically: of any number of concurrent starts with one key, one inserts.
            await using var insert = new NpgsqlCommand($$"""
                INSERT INTO runs ("Id", "Kind", "OwnerId", "OwnerName", "State", "ActiveKey", "Done", "Total", "Message",
                                  "CancelRequested", "CreatedAt", "Parameters", "Data", "Attempt", "ElapsedMs", "RetryOf", "Version")
                VALUES ($1, $2, $3, $4, 'Queued', $5, 0, $6, $7, false, $8, $9::jsonb, '{}'::jsonb, 0, 0, $10, 0)
                ON CONFLICT ("Kind", "ActiveKey") WHERE "State" IN {{RunStates.ActiveSql}} DO NOTHING
                """, connection, transaction)
            {
                Parameters =
                {
                    new() { Value = id },
                    new() { Value = kind.Name },
                    new() { Value = (object?)owner.Id ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text },
                    new() { Value = owner.Name },
                    new() { Value = (object?)accepted.ActiveKey ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text },
                    new() { Value = accepted.Total },
                    new() { Value = (object?)accepted.Message ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text },
                    new() { Value = clock.GetUtcNow().UtcDateTime },
                    new() { Value = accepted.Parameters },
                    new() { Value = (object?)retryOf ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid },
                },
            };
            if (await insert.ExecuteNonQueryAsync(ct) == 0)
            {
                await transaction.RollbackAsync(ct);

                // The active run may have ended between the insert and this read: then try again.
                return await ActiveAsync(kind.Name, accepted.ActiveKey!, ct) is { } active
                    ? Validated.Valid(new RunStart(active, Started: false))
                    : await StartPlannedAsync(kind, owner, plan, retryOf, schedule, ct);
            }

            await transaction.CommitAsync(ct);
        }

        await log.WriteAsync(id, RunLogLevel.Info, retryOf is { } original ? $"Queued by {owner.Name}, retrying run {original}." : $"Queued by {owner.Name}.", ct);
        if (schedule)
        {
            await ScheduleOrFailAsync(id, ct);
        }

        return Validated.Valid(new RunStart((await GetAsync(id, ct))!, Started: true));
    }

    /// <summary>Hands a run to Quartz; any node of the cluster may execute it. Scheduling twice is harmless.</summary>
    public async Task ScheduleAsync(Guid id, CancellationToken ct)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        var detail = JobBuilder.Create<RunJob>().WithIdentity(RunJob.KeyFor(id)).UsingJobData(RunJob.RunIdKey, id.ToString())
            .RequestRecovery().Build();
        try
        {
            await scheduler.ScheduleJob(detail, TriggerBuilder.Create().ForJob(detail).StartNow().Build(), default, ct);
        }
        catch (ObjectAlreadyExistsException)
        {
            // Already scheduled (by the recovery sweep, or a resume racing another): nothing to do.
        }
    }

    private async Task ScheduleOrFailAsync(Guid id, CancellationToken ct)
    {
        try
        {
            await ScheduleAsync(id, ct);
        }
        catch (SchedulerException ex)
        {
            LogScheduleFailed(logger, id, ex);
            await using var command = dataSource.CreateCommand("""
                UPDATE runs SET "State" = 'Failed', "FinishedAt" = now(), "Error" = $2 WHERE "Id" = $1 AND "State" = 'Queued'
                """);
            command.Parameters.Add(new() { Value = id });
            command.Parameters.Add(new() { Value = "The run could not be scheduled, so nothing was done. Try again." });
            await command.ExecuteNonQueryAsync(CancellationToken.None);
            throw;
        }
    }

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
        var attempts = await db.Set<RunAttempt>().AsNoTracking().Where(a => a.RunId == id).OrderBy(a => a.Number)
            .Select(a => new RunAttemptResponse(a.Number, a.Node, a.StartedAt, a.FinishedAt, a.DoneAtStart, a.DoneAtEnd, a.Outcome)).ToListAsync(ct);
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
        else if (!viewer.SeesAll)
        {
            var shared = kinds.VisibleToEveryone;
            runs = runs.Where(r => r.OwnerId == viewer.UserId || shared.Contains(r.Kind));
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

    /// <summary>Runs finished per minute since <paramref name="since"/>, by kind and end state, among those the viewer sees.</summary>
    public async Task<IReadOnlyList<RunThroughput>> ThroughputAsync(DateTime since, RunViewer viewer, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var runs = db.Set<Run>().AsNoTracking().Where(r => r.FinishedAt >= since);
        if (!viewer.SeesAll)
        {
            var shared = kinds.VisibleToEveryone;
            runs = runs.Where(r => r.OwnerId == viewer.UserId || shared.Contains(r.Kind));
        }

        var finished = await runs.Select(r => new { r.Kind, r.State, r.FinishedAt }).ToListAsync(ct);
        return finished
            .GroupBy(r => (Minute: Truncate(r.FinishedAt!.Value), r.Kind, r.State))
            .Select(g => new RunThroughput(g.Key.Minute, g.Key.Kind, g.Key.State, g.Count()))
            .OrderBy(t => t.Minute).ToList();

        static DateTime Truncate(DateTime at) => new(at.Ticks - (at.Ticks % TimeSpan.TicksPerMinute), DateTimeKind.Utc);
    }

    /// <summary>
    /// A queued run is cancelled at once; a running one is flagged, and its executor, told by notification wherever it
    /// runs, stops at its next step and ends it Cancelled, keeping what it committed.
    /// </summary>
    public async Task<RunActionResult> CancelAsync(Guid id, RunViewer viewer, CancellationToken ct = default)
    {
        if (await ActionableAsync(id, viewer, ct) is not { } run)
        {
            return new(RunActionOutcome.NotFound);
        }

        await using var command = dataSource.CreateCommand($"""
            UPDATE runs SET "CancelRequested" = true,
                "State" = CASE WHEN "State" = 'Queued' THEN 'Cancelled' ELSE "State" END,
                "FinishedAt" = CASE WHEN "State" = 'Queued' THEN now() ELSE "FinishedAt" END
            WHERE "Id" = $1 AND "State" IN {RunStates.ActiveSql}
            """);
        command.Parameters.Add(new() { Value = id });
        if (await command.ExecuteNonQueryAsync(ct) == 0)
        {
            return new(RunActionOutcome.Conflict, run, $"The run has already ended {run.State.ToString().ToLowerInvariant()}.");
        }

        await log.WriteAsync(id, RunLogLevel.Info, "Cancel requested.", ct);
        return new(RunActionOutcome.Done, await GetAsync(id, ct));
    }

    /// <summary>Continues a failed or cancelled run from its last committed step, as a new attempt.</summary>
    public async Task<RunActionResult> ResumeAsync(Guid id, RunViewer viewer, CancellationToken ct = default)
    {
        if (await ActionableAsync(id, viewer, ct) is not { } run)
        {
            return new(RunActionOutcome.NotFound);
        }

        if (!kinds.Get(run.Kind).CanResume || run.State is not (RunState.Failed or RunState.Cancelled))
        {
            return new(RunActionOutcome.Conflict, run, run.State.IsActive() || run.State == RunState.Succeeded
                ? $"Only a failed or cancelled run can be resumed; this one is {run.State.ToString().ToLowerInvariant()}."
                : $"A {kinds.Get(run.Kind).Title.ToLowerInvariant()} cannot be resumed: retry it instead.");
        }

        await using var command = dataSource.CreateCommand("""
            UPDATE runs SET "State" = 'Queued', "CancelRequested" = false, "FinishedAt" = NULL, "Error" = NULL
            WHERE "Id" = $1 AND "State" IN ('Failed', 'Cancelled')
            """);
        command.Parameters.Add(new() { Value = id });
        try
        {
            if (await command.ExecuteNonQueryAsync(ct) == 0)
            {
                return new(RunActionOutcome.Conflict, await GetAsync(id, ct), "The run changed meanwhile; it can no longer be resumed.");
            }
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return new(RunActionOutcome.Conflict, run, $"Another {kinds.Get(run.Kind).Title.ToLowerInvariant()} is active: wait for it to end or cancel it.");
        }

        await log.WriteAsync(id, RunLogLevel.Info, $"Resumed from {run.Done:N0} of {run.Total:N0}.", ct);
        await ScheduleOrFailAsync(id, ct);
        return new(RunActionOutcome.Done, await GetAsync(id, ct));
    }

    /// <summary>Runs an ended run again from the start, as a new run with the same parameters, checked again.</summary>
    public async Task<RunActionResult> RetryAsync(Guid id, RunViewer viewer, RunOwner asker, Func<string, bool> hasRole, CancellationToken ct = default)
    {
        if (await ActionableAsync(id, viewer, ct) is not { } run)
        {
            return new(RunActionOutcome.NotFound);
        }

        var kind = kinds.Get(run.Kind);
        if (!hasRole(kind.StartRole))
        {
            return new(RunActionOutcome.Forbidden, run, $"Starting a {kind.Title.ToLowerInvariant()} needs the {kind.StartRole} role.", kind.StartRole);
        }

        if (run.State.IsActive())
        {
            return new(RunActionOutcome.Conflict, run, "The run is still active: cancel it first, or wait for it to end.");
        }

        // The new run is the original owner's (a job retried by an Operator is still its member's job).
        var parameters = run.Parameters.GetRawText();
        var started = await StartPlannedAsync(
            kind, new RunOwner(run.OwnerId, run.OwnerName), context => kind.PlanStoredAsync(parameters, context, ct), id, schedule: true, ct);
        if (started.Value is { Started: true } retried)
        {
            await log.WriteAsync(retried.Run.Id, RunLogLevel.Info, $"Retry asked for by {asker.Name}.", ct);
        }

        return started.Value switch
        {
            null => new(RunActionOutcome.Conflict, run, string.Join(" ", started.Errors.SelectMany(e => e.Value))),
            { Started: false } active => new(RunActionOutcome.Conflict, active.Run,
                $"Another {kind.Title.ToLowerInvariant()} is active ({active.Run.Id}): wait for it to end or cancel it."),
            { } retry => new(RunActionOutcome.Done, retry.Run),
        };
    }

    /// <summary>The events recorded after <paramref name="afterVersion"/>, oldest first: what a reconnecting stream missed.</summary>
    public async Task<IReadOnlyList<(long Version, string Payload)>> EventsAfterAsync(Guid id, long afterVersion, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT "Version", "Payload"::text FROM run_events WHERE "RunId" = $1 AND "Version" > $2 ORDER BY "Version"
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

    public RunActions ActionsFor(RunResponse run, RunViewer viewer)
    {
        var mayAct = viewer.SeesAll || run.OwnerId == viewer.UserId;
        var kind = kinds.Get(run.Kind);
        return new RunActions(
            Cancel: mayAct && run.IsActive,
            Retry: mayAct && !run.IsActive,
            Resume: mayAct && kind.CanResume && run.State is RunState.Failed or RunState.Cancelled);
    }

    private bool MaySee(RunResponse run, RunViewer viewer) => kinds.MaySee(viewer, run.Kind, run.OwnerId);

    /// <summary>The run if the viewer may act on it: their own, or anyone's for an Operator; others' do not exist for them.</summary>
    private async Task<RunResponse?> ActionableAsync(Guid id, RunViewer viewer, CancellationToken ct) =>
        await GetAsync(id, ct) is { } run && (viewer.SeesAll || run.OwnerId == viewer.UserId) ? run : null;

    [LoggerMessage(Level = LogLevel.Error, Message = "Run {RunId} could not be scheduled.")]
    private static partial void LogScheduleFailed(ILogger logger, Guid runId, Exception exception);
}

/// <summary>The keyset cursor of run listings: the last run's creation time and id.</summary>
public static class RunCursor
{
    public static string Encode(RunResponse run) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{run.CreatedAt.Ticks.ToString(CultureInfo.InvariantCulture)}:{run.Id:N}"))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The position, or null for no cursor; throws <see cref="FormatException"/> for one that is not ours.</summary>
    public static (DateTime CreatedAt, Guid Id)? Decode(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor))
        {
            return null;
        }

        try
        {
            var base64 = cursor.Replace('-', '+').Replace('_', '/');
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=')));
            var parts = text.Split(':');
            if (parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && ticks >= DateTime.MinValue.Ticks && ticks <= DateTime.MaxValue.Ticks && Guid.TryParseExact(parts[1], "N", out var id))
            {
                return (new DateTime(ticks, DateTimeKind.Utc), id);
            }
        }
        catch (FormatException)
        {
        }

        throw new FormatException("The cursor is not one this listing gave out.");
    }
}

using Microsoft.EntityFrameworkCore;
using Npgsql;
using Quartz;
using TodoDashboard.Data;
using TodoDashboard.Infrastructure.Telemetry;
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
    AppMetrics metrics,
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
                INSERT INTO runs (id, kind, owner_id, owner_name, state, active_key, done, total, message,
                                  cancel_requested, created_at, parameters, data, attempt, elapsed_ms, retry_of, version)
                VALUES ($1, $2, $3, $4, '{{nameof(RunState.Queued)}}', $5, 0, $6, $7, false, $8, $9::jsonb, '{}'::jsonb, 0, 0, $10, 0)
                ON CONFLICT (kind, active_key) WHERE state IN {{RunStates.ActiveSql}} DO NOTHING
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

        metrics.RunStarted(kind.Name);
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
            await using var command = dataSource.CreateCommand($"""
                UPDATE runs SET state = '{nameof(RunState.Failed)}', finished_at = now(), error = $2 WHERE id = $1 AND state = '{nameof(RunState.Queued)}'
                RETURNING kind
                """);
            command.Parameters.Add(new() { Value = id });
            command.Parameters.Add(new() { Value = "The run could not be scheduled, so nothing was done. Try again." });
            if (await command.ExecuteScalarAsync(CancellationToken.None) is string kind)
            {
                metrics.RunFinished(kind, RunState.Failed);
            }

            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Run {RunId} could not be scheduled.")]
    private static partial void LogScheduleFailed(ILogger logger, Guid runId, Exception exception);
}

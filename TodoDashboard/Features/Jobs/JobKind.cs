using Microsoft.Extensions.Options;
using Npgsql;
using TodoDashboard.Infrastructure.Runs;
using TodoDashboard.Infrastructure.Validation;

namespace TodoDashboard.Features.Jobs;

/// <summary>
/// Jobs as a run kind: one active job per user; each step waits an item's duration, then writes the item together
/// with the run's progress, so a resumed job neither loses nor repeats an item (the unique item number backs it).
/// </summary>
public sealed class JobKind(IOptions<JobOptions> options, TimeProvider clock) : RunKind<JobParameters>
{
    public const string KindName = "jobs";

    public const int MaxItems = 1000;

    public override string Name => KindName;

    public override string Title => "Job";

    public override Task<Validated<RunPlan<JobParameters>>> PlanAsync(JobParameters parameters, RunPlanContext context, CancellationToken ct) =>
        Task.FromResult(Validated.Valid(new RunPlan<JobParameters>(parameters, parameters.Items, ActiveKey: context.Owner.Id)));

    protected override async Task<RunOutcome> ExecuteAsync(RunContext<JobParameters> run, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct, run.Cancelled);
        for (var number = (int)run.Done + 1; number <= run.Parameters.Items; number++)
        {
            await Task.Delay(options.Value.ItemDuration, clock, stop.Token);
            var item = number;
            await run.CommitAsync((connection, transaction, token) => InsertItemAsync(connection, transaction, run.Id, item, token), ct: ct);
            if (run.Cancelled.IsCancellationRequested)
            {
                return RunOutcome.Cancelled;
            }
        }

        return RunOutcome.Succeeded;
    }

    private async Task<long> InsertItemAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Guid jobId, int number, CancellationToken ct)
    {
        await using var insert = new NpgsqlCommand("""
            INSERT INTO job_items (job_id, number, name, description, created_at) VALUES ($1, $2, $3, $4, $5)
            """, connection, transaction)
        {
            Parameters =
            {
                new() { Value = jobId },
                new() { Value = number },
                new() { Value = $"Item {number}" },
                new() { Value = $"Processed item {number} of job {jobId}" },
                new() { Value = clock.GetUtcNow().UtcDateTime },
            },
        };
        await insert.ExecuteNonQueryAsync(ct);
        return 1;
    }
}

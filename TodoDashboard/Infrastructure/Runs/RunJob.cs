using Microsoft.Extensions.Options;
using Quartz;

namespace TodoDashboard.Infrastructure.Runs;

/// <summary>The one Quartz job that drives a run of any kind, on whichever node Quartz fires it.</summary>
[DisallowConcurrentExecution]
public sealed class RunJob(RunExecutor executor, IOptions<RunsOptions> options, TimeProvider clock) : IJob
{
    public const string RunIdKey = "runId";

    public const string Group = "runs";

    public static JobKey KeyFor(Guid runId) => new(runId.ToString(), Group);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var runId = Guid.Parse(context.MergedJobDataMap.GetString(RunIdKey)!);
        var execution = await executor.ExecuteAsync(runId, context.Scheduler.SchedulerInstanceId, cancellationToken);
        if (execution == RunExecution.HeldBack)
        {
            // Its owner holds their share of the workers: the run stays queued and asks again, leaving this thread to others.
            var retry = TriggerBuilder.Create().ForJob(context.JobDetail.Key)
                .StartAt(clock.GetUtcNow() + options.Value.FairnessRetryDelay).Build();
            await context.Scheduler.ScheduleJob(retry, default, cancellationToken);
        }
    }
}

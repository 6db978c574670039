using Microsoft.Extensions.Options;
using Quartz;
using TodoDashboard.Infrastructure.Telemetry;

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

        // Quartz left the scheduling call's trace context on the trigger; the retry below, scheduled inside this span, carries this one's.
        using var activity = AppActivities.StartRunExecution(runId,
            context.Trigger.JobDataMap.GetString(SchedulerConstants.TraceParent), context.Trigger.JobDataMap.GetString(SchedulerConstants.TraceState));
        activity?.SetTag("run.node", context.Scheduler.SchedulerInstanceId);
        var execution = await executor.ExecuteAsync(runId, context.Scheduler.SchedulerInstanceId, cancellationToken);
        if (execution == RunExecution.HeldBack)
        {
            // Its owner holds their share of the workers: the run stays queued and asks again, leaving this thread to others.
            var retry = TriggerBuilder.Create().ForJob(context.JobDetail.Key)
                .StartAt(clock.GetUtcNow() + options.Value.FairnessRetryDelay).Build();
            await context.Scheduler.ScheduleJob(retry, default, cancellationToken);
        }

        activity?.SetTag("run.execution", execution.ToString());
    }
}

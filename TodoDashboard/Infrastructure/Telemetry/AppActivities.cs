using System.Diagnostics;

namespace TodoDashboard.Infrastructure.Telemetry;

/// <summary>
/// The app's own spans, so one trace follows a piece of background work from the call that started it: Quartz records
/// the scheduling call's <c>traceparent</c> on the trigger and links its <c>Quartz.Job.Execute</c> span to it, but starts
/// that span as a trace of its own. The engine's execution span (<see cref="StartRunExecution"/>) is instead the
/// scheduling call's child, on whichever node the firing happens, linked to Quartz's span; each step's commit
/// (<see cref="StartStepCommit"/>) is the execution's child, and the step's database commands are the commit's.
/// </summary>
public static class AppActivities
{
    public const string SourceName = "TodoDashboard";

    public const string RunExecuteName = "run.execute";

    public const string StepCommitName = "run.step.commit";

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>
    /// The execution of a run's firing: a child of the W3C <paramref name="traceParent"/> recorded when it was scheduled
    /// and linked to the span current here (Quartz's); without one (a run scheduled outside any trace, such as by the
    /// recovery sweep), a child of the span current here.
    /// </summary>
    public static Activity? StartRunExecution(Guid runId, string? traceParent, string? traceState)
    {
        KeyValuePair<string, object?>[] tags = [new("run.id", runId.ToString())];
        if (!ActivityContext.TryParse(traceParent, traceState, isRemote: true, out var scheduled))
        {
            return Source.StartActivity(RunExecuteName, ActivityKind.Internal, default(ActivityContext), tags);
        }

        ActivityLink[] links = Activity.Current is { } firing ? [new ActivityLink(firing.Context)] : [];
        return Source.StartActivity(RunExecuteName, ActivityKind.Internal, scheduled, tags, links);
    }

    /// <summary>One step's transaction: the kind's writes and the run's progress, committed together.</summary>
    public static Activity? StartStepCommit(Guid runId, string kind, int attempt) =>
        Source.StartActivity(StepCommitName, ActivityKind.Internal, default(ActivityContext),
            [new("run.id", runId.ToString()), new("run.kind", kind), new("run.attempt", attempt)]);
}

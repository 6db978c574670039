using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Quartz.Diagnostics;
using TodoDashboard.Features.Jobs;
using TodoDashboard.Infrastructure.Telemetry;
using TodoDashboard.Tests.Infrastructure.Runs;

namespace TodoDashboard.Tests.Infrastructure.Telemetry;

/// <summary>
/// A job started through the API, seen through OpenTelemetry's in-memory exporters: the request's span and the
/// database's under one trace (the caller's traceparent), the Quartz firing linked to it, the run's execution and its
/// step commits in the request's trace, and the run counted.
/// </summary>
public class TelemetryExportTests(TelemetryFactory factory) : IClassFixture<TelemetryFactory>
{
    [Fact]
    public async Task A_job_started_through_the_api_is_traced_from_the_request_to_the_database_and_its_firing()
    {
        var (traceId, runId) = await StartJobInATraceAsync(items: 1);

        await RunsFactory.WaitUntilAsync(
            () => Task.FromResult(factory.EndedActivities().Any(a => a.TraceId == traceId && a.Source.Name == "Microsoft.AspNetCore")),
            "the request's span ended");
        var trace = factory.EndedActivities().Where(a => a.TraceId == traceId).ToList();
        var server = Assert.Single(trace, a => a.Source.Name == "Microsoft.AspNetCore");
        Assert.Equal(ActivityKind.Server, server.Kind);
        Assert.Equal("POST", server.GetTagItem("http.request.method") as string);
        Assert.Contains(trace, a => a.Source.Name == "Npgsql" && a.Kind == ActivityKind.Client);

        // The firing is a trace of its own (it may run much later, on another node), linked to the request's.
        await RunsFactory.WaitUntilAsync(
            () => Task.FromResult(factory.EndedActivities().Any(a => a.Source.Name == QuartzInstrumentation.ActivitySourceName && a.Links.Any(l => l.Context.TraceId == traceId))),
            $"the firing of run {runId} linked to the request's trace");
    }

    [Fact]
    public async Task A_job_started_through_the_api_is_one_trace_from_the_request_through_its_firing_to_its_step_commits()
    {
        var (traceId, run) = await StartJobInATraceAsync(items: 2);

        var runId = run.ToString();
        Activity? Execution() => factory.EndedActivities().FirstOrDefault(a =>
            a.OperationName == AppActivities.RunExecuteName && a.GetTagItem("run.id") as string == runId && a.GetTagItem("run.execution") as string == "Executed");
        await RunsFactory.WaitUntilAsync(() => Task.FromResult(Execution() is not null), $"the execution of run {runId} ended");
        var execution = Execution()!;
        var trace = factory.EndedActivities().Where(a => a.TraceId == traceId).ToList();

        // The execution is in the request's trace, under the request's span (through whatever span Quartz stored the trigger in).
        Assert.Equal(traceId, execution.TraceId);
        var server = Assert.Single(trace, a => a.Source.Name == "Microsoft.AspNetCore" && a.Kind == ActivityKind.Server);
        Assert.Contains(server, Ancestors(execution, trace));

        // Quartz's own span for the firing, a trace of its own linked to the request, is linked from the execution.
        var firing = Assert.Single(execution.Links).Context;
        await RunsFactory.WaitUntilAsync(
            () => Task.FromResult(factory.EndedActivities().Any(a => a.SpanId == firing.SpanId && a.Source.Name == QuartzInstrumentation.ActivitySourceName
                && a.Links.Any(l => l.Context.TraceId == traceId))),
            "Quartz's span for the firing, linked to the request");

        // Every step commit is the execution's child, and the step's database commands are the commit's.
        var commits = trace.Where(a => a.OperationName == AppActivities.StepCommitName && a.GetTagItem("run.id") as string == runId).ToList();
        Assert.NotEmpty(commits);
        Assert.All(commits, commit => Assert.Equal(execution.SpanId, commit.ParentSpanId));
        Assert.Equal(2, commits.Sum(commit => Convert.ToInt64(commit.GetTagItem("run.step.advanced"), System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Contains(trace, a => a.Source.Name == "Npgsql" && commits.Any(commit => commit.SpanId == a.ParentSpanId));
    }

    [Fact]
    public async Task The_apps_meter_counts_a_started_job_its_committed_step_and_its_success()
    {
        var client = await factory.CreateUserClientAsync();
        var startedBefore = factory.CounterSum("todo_dashboard.runs.started", ("kind", JobKind.KindName));

        var response = await client.PostAsJsonAsync("/api/jobs", new { items = 1 });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await RunsFactory.WaitUntilAsync(
            () => Task.FromResult(factory.CounterSum("todo_dashboard.runs.started", ("kind", JobKind.KindName)) > startedBefore),
            "the job counted as started");
        await RunsFactory.WaitUntilAsync(
            () => Task.FromResult(factory.CounterSum("todo_dashboard.runs.finished", ("kind", JobKind.KindName), ("state", "Succeeded")) > 0),
            "a job counted as finished Succeeded");
        Assert.True(factory.CounterSum("todo_dashboard.runs.steps.committed", ("kind", JobKind.KindName)) > 0);
    }

    /// <summary>Starts a job through the API as a caller inside a trace of its own would (its traceparent header).</summary>
    private async Task<(ActivityTraceId TraceId, Guid RunId)> StartJobInATraceAsync(int items)
    {
        var client = await factory.CreateUserClientAsync();
        var traceId = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/jobs") { Content = JsonContent.Create(new { items }) };
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (traceId, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
    }

    /// <summary>The spans above <paramref name="span"/> in its trace, nearest first.</summary>
    private static IEnumerable<Activity> Ancestors(Activity span, IReadOnlyList<Activity> trace)
    {
        for (var parent = trace.FirstOrDefault(a => a.SpanId == span.ParentSpanId); parent is not null; parent = trace.FirstOrDefault(a => a.SpanId == parent.ParentSpanId))
        {
            yield return parent;
        }
    }
}

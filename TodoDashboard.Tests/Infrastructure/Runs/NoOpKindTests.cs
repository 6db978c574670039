using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TodoDashboard.Infrastructure.Auth;
using TodoDashboard.Infrastructure.Runs;

namespace TodoDashboard.Tests.Infrastructure.Runs;

/// <summary>The built-in no-op kind and its start endpoint, which exist only where Runs:EnableNoOpKind is on.</summary>
public class NoOpKindTests(RunsFactory factory) : IClassFixture<RunsFactory>
{
    [Fact]
    public async Task An_operators_post_answers_202_with_the_run_which_then_commits_each_step_once_to_success()
    {
        var client = await factory.CreateUserClientAsync(role: AppRoles.Operator);

        var response = await client.PostAsJsonAsync("/api/runs/noop", new { steps = 7 });
        var run = await response.ReadAsync<RunResponse>();
        var ended = await factory.WaitForEndAsync(run.Id);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal($"/api/runs/{run.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal((NoOpKind.KindName, 7L, 0L), (run.Kind, run.Total, run.Done));
        Assert.Equal(new NoOpParameters { Steps = 7, StepDelayMs = 0 }, run.ParametersAs<NoOpParameters>());
        Assert.Equal((RunState.Succeeded, 7L), (ended.State, ended.Done));
        var dones = (await factory.EventsAsync(run.Id)).Select(e => e.Done).Distinct();
        Assert.Equal(Enumerable.Range(0, 8).Select(d => (long)d), dones);
    }

    [Fact]
    public async Task A_run_asked_to_fail_at_a_step_ends_failed_there_and_its_resume_fails_there_again()
    {
        var client = await factory.CreateUserClientAsync(role: AppRoles.Operator);

        var run = await (await client.PostAsJsonAsync("/api/runs/noop", new { steps = 5, failAtStep = 3 })).ReadAsync<RunResponse>();
        var failed = await factory.WaitForEndAsync(run.Id);

        Assert.Equal((RunState.Failed, 2L, "Stopped at step 3, as its parameters asked."), (failed.State, failed.Done, failed.Error));
        Assert.Equal(RunActionOutcome.Done, (await factory.Engine.ResumeAsync(run.Id, RunsFactory.Operator)).Outcome);
        var again = await factory.WaitForAsync(run.Id, r => r.Attempts == 2 && !r.IsActive, "the resumed attempt's end");
        Assert.Equal((RunState.Failed, 2L), (again.State, again.Done));
    }

    [Theory]
    [InlineData("{\"steps\": 1, \"failAtStep\": 0}", "failAtStep")]
    [InlineData("{}", "steps")]
    [InlineData("{\"steps\": 0}", "steps")]
    [InlineData("{\"steps\": 1000001}", "steps")]
    [InlineData("{\"steps\": 1, \"stepDelayMs\": -1}", "stepDelayMs")]
    [InlineData("{\"steps\": 1, \"stepDelayMs\": 10001}", "stepDelayMs")]
    public async Task A_post_with_parameters_out_of_range_answers_400_naming_the_field_and_starts_nothing(string body, string field)
    {
        var client = await factory.CreateUserClientAsync(role: AppRoles.Operator);
        var before = await factory.CountAsync("""SELECT count(*) FROM runs WHERE kind = $1""", NoOpKind.KindName);

        var response = await client.PostAsync("/api/runs/noop", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, (await response.ReadAsync<HttpValidationProblemDetails>()).Errors.Keys);
        Assert.Equal(before, await factory.CountAsync("""SELECT count(*) FROM runs WHERE kind = $1""", NoOpKind.KindName));
    }

    [Fact]
    public async Task A_noop_run_stops_at_its_next_step_when_cancelled()
    {
        var owner = await factory.NewOwnerAsync();
        var started = await factory.Engine.StartAsync(factory.Services.GetRequiredService<NoOpKind>(), owner,
            new NoOpParameters { Steps = NoOpParameters.MaxSteps, StepDelayMs = 10 });
        var id = started.Value!.Run.Id;
        await factory.WaitForAsync(id, r => r.Done >= 2, "2 steps done");

        await factory.Engine.CancelAsync(id, RunsFactory.Operator);
        var ended = await factory.WaitForEndAsync(id);

        Assert.Equal(RunState.Cancelled, ended.State);
        Assert.InRange(ended.Done, 2, NoOpParameters.MaxSteps - 1);
        Assert.Equal(ended.Done, Assert.Single(await factory.AttemptsAsync(id)).DoneAtEnd);
    }

    [Fact]
    public async Task Without_Runs_EnableNoOpKind_there_is_neither_the_kind_nor_its_endpoint()
    {
        static IConfiguration Configuration(bool? enabled) => new ConfigurationBuilder()
            .AddInMemoryCollection(enabled is { } on ? new Dictionary<string, string?> { ["Runs:EnableNoOpKind"] = on ? "true" : "false" } : new Dictionary<string, string?>())
            .Build();

        foreach (var (enabled, expected) in new[] { ((bool?)null, false), (false, false), (true, true) })
        {
            var services = new ServiceCollection().AddRunEngine(Configuration(enabled));
            Assert.Equal(expected, services.Any(s => s.ServiceType == typeof(NoOpKind)));

            var builder = WebApplication.CreateSlimBuilder();
            builder.Configuration.Sources.Clear();
            builder.Configuration.AddConfiguration(Configuration(enabled));
            await using var app = builder.Build();
            app.MapNoOpRunEndpoints();
            Assert.Equal(expected, ((IEndpointRouteBuilder)app).DataSources.Count > 0);
        }
    }
}

using Bunit;
using MudBlazor;
using MudBlazor.Services;
using TodoDashboard.Features.Jobs;
using TodoDashboard.Features.Jobs.Components;
using TodoDashboard.Features.Operations.Components;
using TodoDashboard.Infrastructure.Runs;

namespace TodoDashboard.Tests.Features.Jobs;

/// <summary>A job's status chip marks each state by its own icon as well as its colour, the same as any run's state.</summary>
[Trait("Category", "Unit")]
public sealed class JobStatusChipTests : IAsyncLifetime
{
    private readonly BunitContext _bunit = new();

    public JobStatusChipTests()
    {
        _bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        _bunit.Services.AddMudServices(options => options.PopoverOptions.CheckForPopoverProvider = false);
    }

    [Theory]
    [InlineData(JobStatus.Queued, RunState.Queued)]
    [InlineData(JobStatus.Processing, RunState.Running)]
    [InlineData(JobStatus.Succeeded, RunState.Succeeded)]
    [InlineData(JobStatus.Failed, RunState.Failed)]
    [InlineData(JobStatus.Cancelled, RunState.Cancelled)]
    public void Each_status_has_the_colour_and_icon_of_its_run_state(JobStatus status, RunState state)
    {
        var chip = _bunit.Render<JobStatusChip>(p => p.Add(c => c.Status, status)).FindComponent<MudChip<string>>();

        Assert.Equal(RunDisplay.StateColor(state), chip.Instance.Color);
        Assert.Equal(RunDisplay.StateIcon(state), chip.Instance.Icon);
        Assert.Equal(status.ToString(), chip.Find("[data-testid=job-status]").TextContent.Trim());
    }

    [Fact]
    public void No_two_states_share_an_icon_and_a_cancelled_job_is_not_coloured_as_running()
    {
        var states = Enum.GetValues<JobStatus>().Select(JobResponse.StateOf).ToList();

        Assert.Equal(states.Count, states.Select(RunDisplay.StateIcon).Distinct().Count());
        Assert.NotEqual(RunDisplay.StateColor(RunState.Running), RunDisplay.StateColor(JobResponse.StateOf(JobStatus.Cancelled)));
    }

    [Fact]
    public void A_processing_job_asked_to_stop_says_cancelling()
    {
        var chip = _bunit.Render<JobStatusChip>(p => p.Add(c => c.Status, JobStatus.Processing).Add(c => c.CancelRequested, true));

        Assert.Equal("Cancelling", chip.Find("[data-testid=job-status]").TextContent.Trim());
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _bunit.DisposeAsync();
}

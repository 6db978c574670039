using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;
using TodoDashboard.Features.Customers.Components;
using TodoDashboard.Features.Customers.Generation;

namespace TodoDashboard.Tests.Features.Customers.Generation;

/// <summary>What the generation status says and how its bar moves, for given run figures: each phase by its name, never "0 of 0".</summary>
[Trait("Category", "Unit")]
public sealed class CustomerGenerationStatusTests : IAsyncLifetime
{
    private static readonly DateTime Started = new(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc);

    private readonly BunitContext _bunit = new();
    private readonly FakeTimeProvider _clock = new(Started.AddSeconds(2));

    public CustomerGenerationStatusTests()
    {
        _bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        _bunit.Services.AddMudServices(options => options.PopoverOptions.CheckForPopoverProvider = false);
        _bunit.Services.AddSingleton<TimeProvider>(_clock);
    }

    [Fact]
    public void A_queued_run_waits_on_a_moving_bar_without_a_figure()
    {
        var status = RenderActive(Run(GenerationStatus.Queued, done: 0));

        Assert.Equal("Queued: 5,000 customers, waiting to start", Phase(status));
        AssertIndeterminate(status, "Queued");
    }

    [Fact]
    public void Before_the_first_batch_commits_the_run_says_it_is_starting_rather_than_zero_percent()
    {
        var status = RenderActive(Run(GenerationStatus.Loading, done: 0));

        Assert.Equal("Starting: inserting the first of 5,000 customers", Phase(status));
        AssertIndeterminate(status, "Starting");
    }

    [Fact]
    public void Inserting_shows_the_rows_committed_of_the_count_and_the_bar_at_that_share()
    {
        var status = RenderActive(Run(GenerationStatus.Loading, done: 1_200));

        // 1,200 rows in the 2 s since the run started.
        Assert.Equal("Inserting 1,200 of 5,000 (24 %) · 600 rows/s", Phase(status));
        var bar = Bar(status);
        Assert.Equal("Inserting", bar.GetAttribute("aria-label"));
        Assert.Equal("24", bar.GetAttribute("aria-valuenow"));
        Assert.DoesNotContain("mud-progress-indeterminate", bar.ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public void Building_the_indexes_is_its_own_phase_on_a_moving_bar_with_how_many_are_done()
    {
        var status = RenderActive(Run(GenerationStatus.Indexing, done: 5_000, indexesBuilt: 2, indexTotal: 5));

        Assert.Equal("Building the search indexes over the new customers: 2 of 5 done", Phase(status));
        AssertIndeterminate(status, "Building indexes");
    }

    [Fact]
    public void A_load_that_kept_its_indexes_finishes_without_an_index_count()
    {
        var status = RenderActive(Run(GenerationStatus.Indexing, done: 5_000));

        Assert.Equal("Inserted 5,000 of 5,000; finishing", Phase(status));
        Assert.DoesNotContain("0 of 0", status.Markup, StringComparison.Ordinal);
        Assert.Equal("Finishing", Bar(status).GetAttribute("aria-label"));
        Assert.Equal("100", Bar(status).GetAttribute("aria-valuenow"));
    }

    [Fact]
    public void After_the_last_index_the_run_says_it_updates_the_statistics()
    {
        var status = RenderActive(Run(GenerationStatus.Indexing, done: 5_000, indexesBuilt: 5, indexTotal: 5));

        Assert.Equal("Updating the table's statistics for the planner", Phase(status));
        AssertIndeterminate(status, "Analyzing");
    }

    private IRenderedComponent<CustomerGenerationStatus> RenderActive(CustomerGenerationRunResponse run) =>
        _bunit.Render<CustomerGenerationStatus>(p => p.Add(c => c.Active, run));

    private static string Phase(IRenderedComponent<CustomerGenerationStatus> status) =>
        string.Join(' ', status.Find("[data-testid=generation-phase]").TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static AngleSharp.Dom.IElement Bar(IRenderedComponent<CustomerGenerationStatus> status) => status.Find("[role=progressbar]");

    private static void AssertIndeterminate(IRenderedComponent<CustomerGenerationStatus> status, string name)
    {
        var bar = Bar(status);
        Assert.Equal(name, bar.GetAttribute("aria-label"));
        Assert.Contains("mud-progress-indeterminate", bar.ClassName, StringComparison.Ordinal);
    }

    private static CustomerGenerationRunResponse Run(GenerationStatus status, int done, int indexesBuilt = 0, int indexTotal = 0) => new(
        Guid.NewGuid(), "operator@example.com", status, 5_000, done, CustomerGenerationRunResponse.PercentOf(done, 5_000), indexesBuilt, indexTotal,
        "C000000001", "C000005000", Started, status == GenerationStatus.Queued ? null : Started, null, null, null, null, null);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _bunit.DisposeAsync();
}

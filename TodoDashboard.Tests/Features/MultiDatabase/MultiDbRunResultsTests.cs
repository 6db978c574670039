using Bunit;
using TodoDashboard.Features.MultiDatabase;
using TodoDashboard.Features.MultiDatabase.Components;
using TodoDashboard.Infrastructure.Runs;

namespace TodoDashboard.Tests.Features.MultiDatabase;

/// <summary>A custom batch's result lists its rows and their timeline; a scale run's gives each database's figures instead.</summary>
[Trait("Category", "Unit")]
public class MultiDbRunResultsTests : MudComponentTest
{
    private static readonly DateTime At = new(2026, 12, 2, 10, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_finished_scale_run_shows_each_databases_rows_time_and_rate_and_the_concurrency_gain_without_row_tables()
    {
        var run = Scale(RunState.Succeeded, 1600, [new(MultiDbTable.Users, 1000, 0, 0, 500), new(MultiDbTable.Products, 1000, 0, 0, 1200), new(MultiDbTable.Orders, 1000, 0, 0, 2000)], []);

        var results = Render<MultiDbRunResults>(p => p.Add(r => r.Run, run));

        Assert.Equal(["Users", "1,000", "0", "500 ms", "2,000.0/s"], Cells(results, "users"));
        Assert.Equal(["Products", "1,000", "0", "1.2 s", "833.3/s"], Cells(results, "products"));
        Assert.Equal(["Orders", "1,000", "0", "2.0 s", "500.0/s"], Cells(results, "orders"));
        Assert.Equal(
            "Wall time 1.6 s; the three databases' insert times add up to 3.7 s, 2.3× the wall time: the gain from inserting into them concurrently.",
            results.Find("[data-testid=scale-gain]").TextContent.Trim());
        Assert.Equal(["width: 100%", "width: 41.7%", "width: 25%"], results.FindAll(".mdb-rate-bar").Select(b => b.GetAttribute("style")));
        Assert.Empty(results.FindAll("[data-testid^=results-]"));
        Assert.Empty(results.FindAll("[data-testid=timeline]"));
        Assert.DoesNotContain("rows in this run", results.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void A_scale_run_still_going_shows_its_figures_so_far_and_no_gain_yet()
    {
        var run = Scale(RunState.Running, 800, [new(MultiDbTable.Users, 100, 0, 0, 200), new(MultiDbTable.Products, 100, 0, 0, 250), new(MultiDbTable.Orders, 0, 0, 0)], []);

        var results = Render<MultiDbRunResults>(p => p.Add(r => r.Run, run));

        Assert.Equal(["Orders", "0", "0", "–", "–"], Cells(results, "orders"));
        Assert.StartsWith("Insert times so far", results.Find("[data-testid=scale-gain]").TextContent.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_finished_scale_run_lists_the_rows_a_database_did_not_insert_and_only_that_databases()
    {
        RowResult failed = new(MultiDbTable.Orders, 7, RowStatus.Error, ["The connection was reset."], null, 3, 1);
        var run = Scale(RunState.Succeeded, 900, [new(MultiDbTable.Users, 10, 0, 0, 300), new(MultiDbTable.Products, 10, 0, 0, 300), new(MultiDbTable.Orders, 9, 0, 1, 400)], [failed]);

        var results = Render<MultiDbRunResults>(p => p.Add(r => r.Run, run));

        Assert.Equal(["results-orders"], results.FindAll("[data-testid^=results-]").Select(t => t.GetAttribute("data-testid")));
        Assert.Contains("The connection was reset.", results.Find("[data-testid=results-orders]").TextContent, StringComparison.Ordinal);
        Assert.Equal(["Orders", "9", "1", "400 ms", "22.5/s"], Cells(results, "orders"));
    }

    [Fact]
    public void A_custom_batch_lists_every_databases_rows_and_their_timeline_and_no_scale_figures()
    {
        var run = new MultiDbRunResult(Guid.NewGuid(), "someone", MultiDbRunKind.Custom, At, 10, 16,
            [new(MultiDbTable.Users, 1, 0, 0, 2), new(MultiDbTable.Products, 0, 0, 0), new(MultiDbTable.Orders, 0, 0, 0)],
            [new(MultiDbTable.Users, 1, RowStatus.Inserted, [], 41, 0.5, 2)],
            0);

        var results = Render<MultiDbRunResults>(p => p.Add(r => r.Run, run));

        Assert.Equal(["results-users", "results-products", "results-orders"], results.FindAll("[data-testid^=results-]").Select(t => t.GetAttribute("data-testid")));
        Assert.Single(results.FindAll("[data-testid=timeline]"));
        Assert.Empty(results.FindAll("[data-testid=scale-summary]"));
    }

    private static MultiDbRunResult Scale(RunState state, double elapsedMs, IReadOnlyList<TableSummary> summary, IReadOnlyList<RowResult> problems)
    {
        var done = summary.Sum(s => s.Inserted + s.Rejected + s.Errors);
        return new MultiDbRunResult(Guid.NewGuid(), "someone", MultiDbRunKind.Scale, At, elapsedMs, 16, summary, problems, done - problems.Count,
            new MultiDbRunProgress(state, done, 3000, 100.0 * done / 3000, null, false, At, state.IsActive() ? null : At.AddMilliseconds(elapsedMs), null));
    }

    private static IEnumerable<string> Cells(IRenderedComponent<MultiDbRunResults> results, string table) =>
        results.Find($"[data-testid=scale-{table}]").Children.Select(c => c.TextContent.Trim());
}

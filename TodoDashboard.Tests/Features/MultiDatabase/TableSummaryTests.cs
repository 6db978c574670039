using TodoDashboard.Features.MultiDatabase;

namespace TodoDashboard.Tests.Features.MultiDatabase;

/// <summary>A database's figures from a batch's rows, and a scale run's summed step by step.</summary>
[Trait("Category", "Unit")]
public class TableSummaryTests
{
    private static readonly IReadOnlyList<RowResult> Step =
    [
        new(MultiDbTable.Users, 1, RowStatus.Inserted, [], 1, 2, 10),
        new(MultiDbTable.Users, 2, RowStatus.Inserted, [], 2, 5, 20),
        new(MultiDbTable.Users, 3, RowStatus.Rejected, ["Name is required."], null, 40, 0),
        new(MultiDbTable.Orders, 1, RowStatus.Error, ["The connection was reset."], null, 30, 4),
    ];

    [Fact]
    public void A_databases_time_runs_from_its_first_inserts_start_to_its_last_inserts_commit()
    {
        Assert.Equal(new TableSummary(MultiDbTable.Users, 2, 1, 0, 23), TableSummary.Of(MultiDbTable.Users, Step));
        Assert.Equal(new TableSummary(MultiDbTable.Orders, 0, 0, 1, 0), TableSummary.Of(MultiDbTable.Orders, Step));
        Assert.Equal(2 / 0.023, TableSummary.Of(MultiDbTable.Users, Step).RowsPerSecond!.Value, 6);
        Assert.Null(TableSummary.Of(MultiDbTable.Orders, Step).RowsPerSecond);
    }

    [Fact]
    public void A_scale_runs_figures_add_each_steps_rows_and_time()
    {
        var figures = new ScaleRunData().Add(Step).Add(Step);

        Assert.Equal<TableSummary>(
            [new(MultiDbTable.Users, 4, 2, 0, 46), new(MultiDbTable.Products, 0, 0, 0, 0), new(MultiDbTable.Orders, 0, 0, 2, 0)],
            figures.PerTable);
        Assert.Equal(2, figures.Problems!.Count(r => r.Table == MultiDbTable.Users));
    }
}

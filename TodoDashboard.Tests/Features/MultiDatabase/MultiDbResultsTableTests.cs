using Bunit;
using TodoDashboard.Features.MultiDatabase;
using TodoDashboard.Features.MultiDatabase.Components;

namespace TodoDashboard.Tests.Features.MultiDatabase;

[Trait("Category", "Unit")]
public class MultiDbResultsTableTests : MudComponentTest
{
    [Fact]
    public void Each_table_lists_only_its_rows_with_ids_for_inserts_and_every_message_for_rejections()
    {
        var run = new MultiDbRunResult(Guid.NewGuid(), "someone", MultiDbRunKind.Default, DateTime.UtcNow, 12.5, 16,
            [new(MultiDbTable.Users, 1, 0, 0), new(MultiDbTable.Products, 0, 0, 0), new(MultiDbTable.Orders, 1, 1, 0)],
            [
                new(MultiDbTable.Users, 1, RowStatus.Inserted, [], 41, 0.1, 2),
                new(MultiDbTable.Orders, 1, RowStatus.Inserted, [], 7, 2.5, 1),
                new(MultiDbTable.Orders, 2, RowStatus.Rejected, ["User row 10 was rejected.", "Product row 11 does not exist in this batch."], null, 0.2, 0),
            ],
            0);

        var orders = Render<MultiDbResultsTable>(p => p.Add(t => t.Table, MultiDbTable.Orders).Add(t => t.Run, run));
        var products = Render<MultiDbResultsTable>(p => p.Add(t => t.Table, MultiDbTable.Products).Add(t => t.Run, run));

        var rows = orders.FindAll("tbody tr");
        Assert.Equal(2, rows.Count);
        Assert.Contains("id 7", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("User row 10 was rejected.", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("Product row 11 does not exist", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Equal("1 inserted", orders.Find("[data-testid=inserted]").TextContent.Trim());
        Assert.Equal("1 rejected", orders.Find("[data-testid=rejected]").TextContent.Trim());
        Assert.Contains("No products rows in this run.", products.Markup, StringComparison.Ordinal);
    }
}

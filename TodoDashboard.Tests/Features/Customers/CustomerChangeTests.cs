using TodoDashboard.Features.Customers;

namespace TodoDashboard.Tests.Features.Customers;

public class CustomerChangeTests
{
    [Theory]
    [InlineData(CustomerChangeOp.Insert, "insert")]
    [InlineData(CustomerChangeOp.Update, "update")]
    [InlineData(CustomerChangeOp.Delete, "delete")]
    [InlineData(CustomerChangeOp.Bulk, "bulk")]
    public void A_change_travels_with_its_operation_by_name_and_reads_back_the_same(CustomerChangeOp op, string name)
    {
        var change = new CustomerChange { Op = op, Id = 7, Columns = ["city"] };

        var payload = change.ToPayload();

        Assert.Contains($"\"op\":\"{name}\"", payload, StringComparison.Ordinal);
        var read = CustomerChange.FromPayload(payload);
        Assert.Equal((op, 7L, "city"), (read!.Op, read.Id, read.Columns.Single()));
    }

    [Fact]
    public void A_payload_with_an_unknown_operation_reads_as_unknown_so_every_cached_page_is_dropped()
    {
        Assert.Null(CustomerChange.FromPayload("""{"op":"merge","id":1}"""));
        Assert.Equal([CustomerCache.AllTag], CustomerCache.TagsFor(CustomerChange.FromPayload("""{"op":"merge","id":1}""")));
    }
}

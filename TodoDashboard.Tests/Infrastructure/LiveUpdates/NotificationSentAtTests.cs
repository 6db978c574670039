using TodoDashboard.Infrastructure.LiveUpdates;

namespace TodoDashboard.Tests.Infrastructure.LiveUpdates;

[Trait("Category", "Unit")]
public class NotificationSentAtTests
{
    [Fact]
    public void The_send_time_is_read_from_a_payload_as_json_build_object_writes_it()
    {
        var sentAt = NotificationSentAt.Read("""{"id" : "0193", "done" : 3, "sentAt" : 1764690000123.5}""");

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1764690000123).AddTicks(5000), sentAt);
    }

    [Theory]
    [InlineData("9f1c2a3e-user-id")]
    [InlineData("""{"id" : "0193", "done" : 3}""")]
    [InlineData("""{"data" : {"sentAt" : 1764690000123}}""")]
    [InlineData("""{"sentAt" : "yesterday"}""")]
    [InlineData("""{"sentAt" : 1e300}""")]
    [InlineData("""{"sentAt" :""")]
    public void A_payload_without_a_top_level_numeric_send_time_has_none(string payload)
    {
        Assert.Null(NotificationSentAt.Read(payload));
    }
}

using System.Text.Json;
using TodoDashboard.Features.Operations.Components;
using TodoDashboard.Infrastructure.Runs;

namespace TodoDashboard.Tests.Features.Operations;

/// <summary>How the operations page words a run's spans, rates and state, at the edges of each form.</summary>
[Trait("Category", "Unit")]
public class RunDisplayTests
{
    private static readonly DateTime Start = new(2026, 12, 2, 12, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(0, "0.0 s")]
    [InlineData(59.9, "59.9 s")]
    [InlineData(60, "1:00")]
    [InlineData(3599, "59:59")]
    [InlineData(3600, "1:00:00")]
    public void A_duration_reads_in_seconds_under_a_minute_then_as_a_clock(double seconds, string expected) =>
        Assert.Equal(expected, RunDisplay.Format(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void No_duration_reads_as_a_dash() => Assert.Equal("–", RunDisplay.Format(null));

    [Theory]
    [InlineData(30 * 24 * 3600, "30 days")]
    [InlineData(24 * 3600, "1 day")]
    [InlineData(36 * 3600, "36 hours")]
    [InlineData(3600, "1 hour")]
    [InlineData(15 * 60, "15 minutes")]
    [InlineData(90, "1:30")]
    [InlineData(20, "20.0 s")]
    [InlineData(1000 * 24 * 3600, "1,000 days")]
    public void A_settings_span_reads_in_its_largest_whole_unit_or_else_as_a_duration(int seconds, string expected) =>
        Assert.Equal(expected, RunDisplay.Span(TimeSpan.FromSeconds(seconds)));

    [Theory]
    [InlineData(null, "–")]
    [InlineData(0.0, "0.0/s")]
    [InlineData(1234.56, "1,234.6/s")]
    public void A_rate_reads_per_second_with_one_decimal(double? rate, string expected) =>
        Assert.Equal(expected, RunDisplay.FormatRate(rate));

    [Fact]
    public void A_run_not_yet_started_has_no_duration_or_rate_and_a_cancelled_running_one_reads_as_cancelling()
    {
        var queued = Run(RunState.Queued, startedAt: null, cancelRequested: false);
        var stopping = Run(RunState.Running, startedAt: Start, cancelRequested: true);

        Assert.Null(RunDisplay.Duration(queued, Start));
        Assert.Null(RunDisplay.ItemsPerSecond(queued, Start));
        Assert.Null(RunDisplay.ItemsPerSecond(stopping, Start));
        Assert.Equal("Queued", RunDisplay.StateText(queued));
        Assert.Equal("Cancelling", RunDisplay.StateText(stopping));
    }

    [Fact]
    public void A_short_id_is_the_last_eight_hex_digits() =>
        Assert.Equal("89abcdef", RunDisplay.ShortId(Guid.Parse("01234567-89ab-cdef-0123-456789abcdef")));

    [Fact]
    public void Figures_of_anything_but_an_object_are_no_lines()
    {
        using var list = JsonDocument.Parse("[1,2]");

        Assert.Empty(RunDisplay.Figures(list.RootElement));
    }

    private static RunResponse Run(RunState state, DateTime? startedAt, bool cancelRequested)
    {
        using var empty = JsonDocument.Parse("{}");
        return new(Guid.NewGuid(), "jobs", "me", "Me", state, 10, 100, 10, null, cancelRequested, Start, startedAt, null, null, 1, 0, null, null, 1,
            empty.RootElement.Clone(), empty.RootElement.Clone());
    }
}

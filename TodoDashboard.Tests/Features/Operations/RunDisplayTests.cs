using System.Text.Json;
using TodoDashboard.Features.Operations.Components;
using TodoDashboard.Infrastructure.Runs;

namespace TodoDashboard.Tests.Features.Operations;

/// <summary>How the operations page words a run: its figures, spans, rates and state, at the edges of each form.</summary>
[Trait("Category", "Unit")]
public class RunDisplayTests
{
    private static readonly DateTime Start = new(2026, 12, 2, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_kinds_figures_read_as_labelled_lines()
    {
        using var json = JsonDocument.Parse("""
            {"phase":"Indexing","droppedIndexes":["a","b","c","d"],"indexesBuilt":2,"loadMs":1234.5,"done":true,"timing":{"copyMs":12},"note":null,"tags":[]}
            """);

        var lines = RunDisplay.Figures(json.RootElement);

        Assert.Equal(
            [
                new("Phase", "Indexing"), new("Dropped indexes", "4 items"), new("Indexes built", "2"), new("Load ms", "1,234.50"),
                new("Done", "yes"), new("Timing · Copy ms", "12"), new("Note", "–"), new("Tags", "none"),
            ],
            lines);
    }

    [Theory]
    [InlineData(0, "0.0 s")]
    [InlineData(0.25, "0.3 s")]
    [InlineData(59.94, "59.9 s")]
    [InlineData(60, "1:00")]
    [InlineData(61, "1:01")]
    [InlineData(3599, "59:59")]
    [InlineData(3600, "1:00:00")]
    [InlineData(3725, "1:02:05")]
    [InlineData(90_000, "25:00:00")]
    [InlineData(363_661, "101:01:01")]
    public void Durations_read_in_seconds_then_minutes_then_hours(double seconds, string expected) =>
        Assert.Equal(expected, RunDisplay.Format(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void A_running_runs_rate_is_taken_since_it_started_and_an_ended_runs_from_its_attempts()
    {
        var started = new DateTime(2026, 12, 2, 12, 0, 0, DateTimeKind.Utc);
        var running = Run(RunState.Running, done: 50, startedAt: started, elapsedMs: 0, itemsPerSecond: null);
        var ended = Run(RunState.Succeeded, done: 100, startedAt: started, elapsedMs: 20_000, itemsPerSecond: 5);

        Assert.Equal(5, RunDisplay.ItemsPerSecond(running, started.AddSeconds(10)));
        Assert.Equal(TimeSpan.FromSeconds(10), RunDisplay.Duration(running, started.AddSeconds(10)));
        Assert.Equal(5, RunDisplay.ItemsPerSecond(ended, started.AddHours(1)));
        Assert.Equal(TimeSpan.FromSeconds(20), RunDisplay.Duration(ended, started.AddHours(1)));
    }

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
        var queued = Run(RunState.Queued, done: 0, startedAt: null);
        var stopping = Run(RunState.Running, done: 10, startedAt: Start, cancelRequested: true);

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

    private static RunResponse Run(
        RunState state, long done, DateTime? startedAt, double elapsedMs = 0, double? itemsPerSecond = null, bool cancelRequested = false)
    {
        using var empty = JsonDocument.Parse("{}");
        return new(Guid.NewGuid(), "jobs", "me", "Me", state, done, 100, done, null, cancelRequested, startedAt ?? Start, startedAt,
            state == RunState.Running ? null : startedAt?.AddMinutes(1), null, 1, elapsedMs, itemsPerSecond, null, 1,
            empty.RootElement.Clone(), empty.RootElement.Clone());
    }
}

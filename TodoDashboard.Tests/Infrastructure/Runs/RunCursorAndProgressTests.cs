using System.Text;
using TodoDashboard.Infrastructure.Runs;

namespace TodoDashboard.Tests.Infrastructure.Runs;

/// <summary>Pure logic of the engine's contracts: the listing cursor and a run's percent, rate and time left. No database.</summary>
[Trait("Category", "Unit")]
public class RunCursorAndProgressTests
{
    private static readonly DateTime Start = new(2026, 12, 2, 3, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_cursor_gives_back_the_creation_time_and_id_it_was_made_from_to_the_tick()
    {
        var run = Response(new Run { Id = Guid.CreateVersion7(), Kind = "jobs", OwnerName = "Ada", Parameters = "{}", Data = "{}", CreatedAt = Start.AddTicks(1234567) });

        var cursor = RunCursor.Encode(run);

        Assert.Equal((run.CreatedAt, run.Id), RunCursor.Decode(cursor));
        Assert.DoesNotContain('=', cursor);
        Assert.DoesNotContain('+', cursor);
        Assert.DoesNotContain('/', cursor);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void No_cursor_means_the_first_page(string? cursor) => Assert.Null(RunCursor.Decode(cursor));

    [Theory]
    [InlineData("not base64 at all!")]
    [InlineData("MTIz")]
    [InlineData("OTk5OTk5OTk5OTk5OTk5OTk5OTk5Ojk5")]
    public void A_cursor_the_listing_did_not_give_out_is_refused(string cursor) =>
        Assert.Throws<FormatException>(() => RunCursor.Decode(cursor));

    [Fact]
    public void A_cursor_with_ticks_beyond_the_calendar_is_refused()
    {
        var text = $"{long.MaxValue}:{Guid.NewGuid():N}";
        var cursor = Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        Assert.Throws<FormatException>(() => RunCursor.Decode(cursor));
    }

    [Fact]
    public void A_running_run_estimates_the_rest_at_the_rate_of_its_attempts_so_far()
    {
        var run = Response(new Run
        {
            Id = Guid.NewGuid(), Kind = "jobs", OwnerName = "Ada", Parameters = "{}", Data = "{}",
            State = RunState.Running, Done = 25, Total = 100, ElapsedMs = 10_000, CreatedAt = Start, StartedAt = Start,
        });

        Assert.Equal(25, run.Percent);
        Assert.Equal(2.5, run.ItemsPerSecond);
        Assert.Equal(TimeSpan.FromSeconds(30), run.Remaining(Start.AddHours(1)));
    }

    [Fact]
    public void A_run_with_nothing_done_yet_has_no_estimate_and_an_ended_one_none_at_all()
    {
        var fresh = new Run { Id = Guid.NewGuid(), Kind = "jobs", OwnerName = "Ada", Parameters = "{}", Data = "{}", State = RunState.Running, Total = 10, StartedAt = Start };

        Assert.Null(Response(fresh).Remaining(Start.AddSeconds(5)));
        Assert.Null(Response(new Run
        {
            Id = fresh.Id, Kind = fresh.Kind, OwnerName = fresh.OwnerName, Parameters = "{}", Data = "{}",
            State = RunState.Succeeded, Done = 10, Total = 10, StartedAt = Start, ElapsedMs = 1000,
        }).Remaining(Start.AddSeconds(5)));
    }

    [Fact]
    public void A_succeeded_run_of_no_work_is_complete_and_progress_never_shows_above_a_hundred()
    {
        var empty = Response(new Run { Id = Guid.NewGuid(), Kind = "noop", OwnerName = "Ada", Parameters = "{}", Data = "{}", State = RunState.Succeeded });
        var over = Response(new Run { Id = Guid.NewGuid(), Kind = "price-updates", OwnerName = "Ada", Parameters = "{}", Data = "{}", State = RunState.Running, Done = 120, Total = 100 });

        Assert.Equal(100, empty.Percent);
        Assert.Equal(100, over.Percent);
    }

    private static RunResponse Response(Run run) => RunResponse.From(run);
}

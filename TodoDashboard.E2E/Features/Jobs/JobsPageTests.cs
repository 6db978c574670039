using System.Globalization;
using TodoDashboard.E2E.Pages;

namespace TodoDashboard.E2E.Features.Jobs;

public sealed class JobsPageTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly Regex StartedAt = new(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$");
    private static readonly Regex Duration = new(@"^\d+:\d\d\.\d$");

    [Fact]
    public async Task A_started_job_shows_its_progress_live_until_it_succeeds_and_then_appears_in_the_history()
    {
        var page = await NewUserPageAsync();
        var jobs = new JobsPage(page);

        await jobs.GotoAsync();
        await Expect(jobs.EmptyState).ToBeVisibleAsync();
        await Expect(jobs.ProgressCard).ToHaveCountAsync(0);
        await app.ScreenshotAsync(page, "jobs-empty");

        await page.MarkDocumentAsync();
        await jobs.StartAsync(5);

        // At 300 ms an item the bar sits strictly between 0 and 100% for over a second, longer than Expect's slowest poll.
        await Expect(jobs.Percent).ToHaveTextAsync(new Regex(@"^[1-9]\d?(\.\d)?%$"));
        await Expect(jobs.Status).ToHaveTextAsync("Succeeded");
        await Expect(jobs.Percent).ToHaveTextAsync("100%");
        await Expect(jobs.ProgressBar).ToHaveAttributeAsync("aria-valuenow", "100");
        await Expect(jobs.Done).ToHaveTextAsync("5 / 5");
        await Expect(jobs.CancelButton).ToHaveCountAsync(0);
        await Expect(jobs.StartButton).ToBeEnabledAsync();
        await page.ExpectSameDocumentAsync();

        await Expect(jobs.EmptyState).ToHaveCountAsync(0);
        await Expect(jobs.HistoryRows).ToHaveCountAsync(1);
        await Expect(jobs.HistoryRows.First.GetByRole(AriaRole.Cell))
            .ToHaveTextAsync([StartedAt, new("^5$"), new("^5$"), new("^Succeeded$"), Duration]);
        await app.ScreenshotAsync(page, "jobs-finished");
    }

    [Fact]
    public async Task A_running_job_can_be_cancelled_and_keeps_the_items_it_had_done()
    {
        var page = await NewUserPageAsync();
        var jobs = new JobsPage(page);

        await jobs.GotoAsync();
        await jobs.StartAsync(2);
        await Expect(jobs.Status).ToHaveTextAsync("Succeeded");

        await jobs.StartAsync(50);
        await Expect(jobs.Done).ToHaveTextAsync(new Regex(@"^([2-9]|[1-4]\d) / 50$"));
        await Expect(jobs.Status).ToHaveTextAsync("Processing");
        await app.ScreenshotAsync(page, "jobs-running");

        await jobs.CancelButton.ClickAsync();
        await Expect(jobs.Status).ToHaveTextAsync("Cancelled");
        await Expect(jobs.CancelButton).ToHaveCountAsync(0);
        await Expect(jobs.StartButton).ToBeEnabledAsync();
        var doneText = await jobs.Done.InnerTextAsync();
        var done = int.Parse(doneText.Split(" / ")[0], CultureInfo.InvariantCulture);
        Assert.InRange(done, 2, 49);

        await Expect(jobs.HistoryRows).ToHaveCountAsync(2);
        await Expect(jobs.HistoryRows.First.GetByRole(AriaRole.Cell))
            .ToHaveTextAsync([StartedAt, new("^50$"), new($"^{done}$"), new("^Cancelled$"), Duration]);
        await Expect(jobs.HistoryRows.Nth(1).GetByRole(AriaRole.Cell))
            .ToHaveTextAsync([StartedAt, new("^2$"), new("^2$"), new("^Succeeded$"), Duration]);
        await app.ScreenshotAsync(page, "jobs-history");

        // What the page showed live is what was stored: the count stopped where the cancel left it.
        await jobs.GotoAsync();
        await Expect(jobs.Status).ToHaveTextAsync("Cancelled");
        await Expect(jobs.Done).ToHaveTextAsync(doneText);
    }

    [Fact]
    public async Task The_home_jobs_card_follows_a_running_jobs_percent_live()
    {
        var page = await NewUserPageAsync();
        var jobs = new JobsPage(page);
        var home = new HomePage(page);

        await jobs.GotoAsync();
        await jobs.StartAsync(20);

        await home.GotoAsync();
        await page.MarkDocumentAsync();
        await Expect(home.JobsHeadline).ToHaveTextAsync(new Regex(@"^\d+(\.\d)?%$"));
        var first = await home.JobsHeadline.InnerTextAsync();
        await Expect(home.JobsHeadline).ToHaveTextAsync(new Regex($@"^(?!{Regex.Escape(first)}$)\d+(\.\d)?%$"));
        await Expect(home.JobsCaption).ToHaveTextAsync(new Regex(@"^\d+ of 20 items · processing$"));
        await Expect(home.TodosHeadline).ToHaveTextAsync("0");
        await app.ScreenshotAsync(page, "home-with-jobs");

        await Expect(home.JobsHeadline).ToHaveTextAsync("1");
        await Expect(home.JobsCaption).ToHaveTextAsync("jobs run · none active");
        await page.ExpectSameDocumentAsync();
    }

    // A user of its own per test: a user has one active job at a time, and each test reads the whole history.
    private async Task<IPage> NewUserPageAsync()
    {
        var page = await app.NewPageAsync();
        var account = new AccountPages(page);
        await account.GotoRegisterAsync();
        await account.RegisterAsync(TestUsers.NewEmail(), TestUsers.Password);
        return page;
    }
}

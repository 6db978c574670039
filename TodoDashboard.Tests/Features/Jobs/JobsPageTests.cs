using Bunit;
using Microsoft.Extensions.DependencyInjection;
using TodoDashboard.Features.Jobs;
using TodoDashboard.Features.Jobs.Components;
using TodoDashboard.Infrastructure.LiveUpdates;
using TodoDashboard.Infrastructure.Runs;

namespace TodoDashboard.Tests.Features.Jobs;

/// <summary>The jobs page on the app's real notifier: progress arrives from PostgreSQL NOTIFY, not from the test.</summary>
public class JobsPageTests : ComponentTestContext
{
    private readonly JobService _jobs;
    private readonly PostgresNotificationHub _hub;

    public JobsPageTests(TodoDashboardFactory factory) : base(factory)
    {
        _jobs = AppService<JobService>();
        _hub = AppService<PostgresNotificationHub>();
        Services.AddSingleton(_jobs);
        Services.AddSingleton(TimeProvider.System);
    }

    [Fact]
    public async Task A_new_user_sees_the_empty_state_and_a_way_to_all_their_runs_in_operations()
    {
        await SignInNewUserAsync();

        var page = Render<JobsPage>();

        page.WaitForElement("[data-testid=jobs-empty]", DatabaseTimeout);
        Assert.Equal("operations?kind=jobs", page.Find("a[data-testid=operations-link]").GetAttribute("href"));
    }

    [Fact]
    public async Task The_page_re_renders_as_a_job_progresses_to_success()
    {
        var userId = await SignInNewUserAsync();
        await _hub.Listening.Task;
        var page = Render<JobsPage>();
        page.WaitForElement("[data-testid=jobs-empty]", DatabaseTimeout);

        await _jobs.StartAsync(new RunOwner(userId, "Tester"), 5);

        page.WaitForAssertion(() => Assert.Equal("Succeeded", page.Find("[data-testid=job-status]").TextContent.Trim()), DatabaseTimeout);
        Assert.Equal("100%", page.Find("[data-testid=job-percent]").TextContent.Trim());
        Assert.Equal("5 / 5", page.Find("[data-testid=job-done]").TextContent.Trim());
        Assert.True(page.Instance.LiveRenders >= 1, "the page re-rendered from notifications");
    }

    [Fact]
    public async Task A_burst_of_notifications_is_coalesced_into_a_few_renders()
    {
        var userId = await SignInNewUserAsync();
        var page = Render<JobsPage>();
        page.WaitForElement("[data-testid=jobs-empty]", DatabaseTimeout);
        var jobId = Guid.NewGuid();

        for (var done = 1; done <= 50; done++)
        {
            _hub.Dispatch(NotificationChannels.Runs, $$"""
                {"id":"{{jobId}}","kind":"jobs","ownerId":"{{userId}}","state":"Running","done":{{done}},"total":50,"cancelRequested":false,"version":{{done}}}
                """);
        }

        page.WaitForAssertion(() => Assert.True(page.Instance.LiveRenders >= 1), DatabaseTimeout);
        Assert.InRange(page.Instance.LiveRenders, 1, 5);
    }

    [Fact]
    public async Task Disposing_the_page_unsubscribes_it()
    {
        await SignInNewUserAsync();
        var before = _hub.SubscriberCount(NotificationChannels.Runs);

        var page = Render<JobsPage>();
        page.WaitForElement("[data-testid=jobs-empty]", DatabaseTimeout);
        Assert.Equal(before + 1, _hub.SubscriberCount(NotificationChannels.Runs));

        await DisposeComponentsAsync();
        Assert.Equal(before, _hub.SubscriberCount(NotificationChannels.Runs));
    }
}

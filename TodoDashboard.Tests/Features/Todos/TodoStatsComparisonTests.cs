using Bunit;
using Microsoft.Extensions.DependencyInjection;
using TodoDashboard.Features.Todos;
using TodoDashboard.Features.Todos.Components;

namespace TodoDashboard.Tests.Features.Todos;

public class TodoStatsComparisonTests : ComponentTestContext
{
    private readonly TodoService _todos;

    public TodoStatsComparisonTests(TodoDashboardFactory factory) : base(factory)
    {
        _todos = AppService<TodoService>();
        Services.AddSingleton(_todos);
    }

    [Fact]
    public async Task Before_a_run_it_invites_the_user_to_run_both_modes()
    {
        await SignInNewUserAsync();

        var comparison = Render<TodoStatsComparison>();

        Assert.Contains("Run both", comparison.Find("[data-testid=stats-empty]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_both_shows_each_modes_counts_and_timings_side_by_side()
    {
        var userId = await SignInNewUserAsync();
        for (var i = 0; i < 3; i++)
        {
            await _todos.CreateAsync(userId, new SaveTodoRequest { Title = $"Done {i}", IsCompleted = true });
        }

        await _todos.CreateAsync(userId, new SaveTodoRequest { Title = "Open" });
        var comparison = Render<TodoStatsComparison>();

        await comparison.ClickAsync(() => comparison.FindAll("button").Single(b => b.TextContent.Contains("Run both", StringComparison.Ordinal)));

        comparison.WaitForAssertion(() => Assert.Contains("same data", comparison.Find("[data-testid=stats-same]").TextContent, StringComparison.Ordinal), DatabaseTimeout);
        foreach (var mode in new[] { "sequential", "parallel" })
        {
            var card = comparison.Find($"[data-testid=stats-{mode}]");
            Assert.Equal("3", card.QuerySelector("[data-testid=count-completed]")!.TextContent);
            Assert.Equal("1", card.QuerySelector("[data-testid=count-incomplete]")!.TextContent);
            Assert.Equal("3", card.QuerySelector("[data-testid=count-completedToday]")!.TextContent);
            Assert.EndsWith(" ms", card.QuerySelector("[data-testid=stats-elapsed]")!.TextContent, StringComparison.Ordinal);
        }

        Assert.Contains("Sequential / parallel", comparison.Find("[data-testid=stats-ratio]").TextContent, StringComparison.Ordinal);
    }
}

using AngleSharp.Dom;
using Bunit;
using TodoDashboard.Features.Todos;
using TodoDashboard.Features.Todos.Components;

namespace TodoDashboard.Tests.Features.Todos;

public class TodoStatsComparisonTests : ComponentTestContext
{
    private readonly TodoService _todos;

    public TodoStatsComparisonTests(TodoDashboardFactory factory) : base(factory) => _todos = UseAppService<TodoService>();

    [Fact]
    public async Task Before_a_run_it_invites_the_user_to_run_both_modes_ten_times_each()
    {
        await SignInNewUserAsync();

        var comparison = Render<TodoStatsComparison>();

        Assert.Contains("Run all three", comparison.Find("[data-testid=stats-empty]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Run all three ×10", RunButton(comparison).TextContent.Trim());
    }

    [Fact]
    public async Task Run_both_runs_each_mode_the_chosen_number_of_times_and_charts_them()
    {
        var userId = await SignInNewUserAsync();
        await _todos.CreateAsync(userId, new SaveTodoRequest { Title = "Done", IsCompleted = true });
        await _todos.CreateAsync(userId, new SaveTodoRequest { Title = "Open" });
        var comparison = Render<TodoStatsComparison>();

        await comparison.ChangeAsync(() => comparison.Find("input"), "3");
        Assert.Equal("Run all three ×3", RunButton(comparison).TextContent.Trim());
        await comparison.ClickAsync(() => RunButton(comparison));

        comparison.WaitForAssertion(() => Assert.Contains("same data", comparison.Find("[data-testid=stats-same]").TextContent, StringComparison.Ordinal), DatabaseTimeout);
        Assert.Contains("over 3 runs each", comparison.Find("[data-testid=stats-verdict]").TextContent, StringComparison.Ordinal);
        foreach (var mode in new[] { "sequential", "parallel", "single" })
        {
            Assert.Equal("3", comparison.Find($"[data-testid=stats-numbers] td[data-mode={mode}]").TextContent.Trim());
        }

        Assert.Empty(comparison.FindAll("[data-testid=stats-stale]"));
    }

    [Fact]
    public async Task Results_from_before_a_change_to_the_todos_are_stale_until_recomputed()
    {
        await SignInNewUserAsync();
        var comparison = Render<TodoStatsComparison>(p => p.Add(c => c.TodosVersion, 0));
        await comparison.ChangeAsync(() => comparison.Find("input"), "1");
        await comparison.ClickAsync(() => RunButton(comparison));
        comparison.WaitForElement("[data-testid=stats-verdict]", DatabaseTimeout);

        comparison.Render(p => p.Add(c => c.TodosVersion, 1));

        Assert.Contains("Stale — your todos changed", comparison.Find("[data-testid=stats-stale]").TextContent, StringComparison.Ordinal);
        await comparison.ClickAsync(() => comparison.FindAll("[data-testid=stats-stale] button").Single(b => b.TextContent.Trim() == "Recompute"));
        comparison.WaitForAssertion(() => Assert.Empty(comparison.FindAll("[data-testid=stats-stale]")), DatabaseTimeout);
        comparison.Find("[data-testid=stats-verdict]");
    }

    private static IElement RunButton(IRenderedComponent<TodoStatsComparison> comparison) =>
        comparison.FindAll("button").Single(b => b.TextContent.Contains("Run all three", StringComparison.Ordinal));
}

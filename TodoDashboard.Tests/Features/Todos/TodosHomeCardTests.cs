using Bunit;
using TodoDashboard.Features.Todos;
using TodoDashboard.Features.Todos.Components;

namespace TodoDashboard.Tests.Features.Todos;

public class TodosHomeCardTests : ComponentTestContext
{
    private readonly TodoService _todos;

    public TodosHomeCardTests(TodoDashboardFactory factory) : base(factory) => _todos = UseAppService<TodoService>();

    [Fact]
    public async Task A_user_with_todos_sees_how_many_are_open_of_how_many_and_how_many_are_done()
    {
        var userId = await SignInNewUserAsync();
        var first = await _todos.CreateAsync(userId, new SaveTodoRequest { Title = "Write report" });
        await _todos.CreateAsync(userId, new SaveTodoRequest { Title = "Call plumber" });
        await _todos.CreateAsync(userId, new SaveTodoRequest { Title = "Water plants", IsCompleted = true });
        await _todos.ToggleAsync(userId, first.Id);

        var card = Render<TodosHomeCard>();

        card.WaitForAssertion(() => Assert.Equal("1", card.Find("[data-testid=todos-headline]").TextContent.Trim()), DatabaseTimeout);
        Assert.Contains("open of 3 · 2 done", card.Markup, StringComparison.Ordinal);
        Assert.Equal("todos", card.Find("a").GetAttribute("href"));
    }

    [Fact]
    public async Task A_user_without_todos_is_told_there_are_none_yet()
    {
        await SignInNewUserAsync();

        var card = Render<TodosHomeCard>();

        card.WaitForAssertion(() => Assert.Equal("0", card.Find("[data-testid=todos-headline]").TextContent.Trim()), DatabaseTimeout);
        Assert.Contains("no todos yet · add your first one", card.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("open of", card.Markup, StringComparison.Ordinal);
    }
}

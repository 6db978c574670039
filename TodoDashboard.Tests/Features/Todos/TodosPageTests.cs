using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using TodoDashboard.Features.Todos;
using TodoDashboard.Features.Todos.Components;

namespace TodoDashboard.Tests.Features.Todos;

public class TodosPageTests : ComponentTestContext
{
    private readonly TodoService _todos;

    public TodosPageTests(TodoDashboardFactory factory) : base(factory)
    {
        _todos = AppService<TodoService>();
        Services.AddSingleton(_todos);
    }

    [Fact]
    public async Task A_new_user_sees_the_empty_state()
    {
        await SignInNewUserAsync();

        var page = Render<TodosPage>();

        page.WaitForAssertion(() => Assert.Contains("No todos yet", page.Find("[data-testid=todos-empty]").TextContent), DatabaseTimeout);
    }

    [Fact]
    public async Task The_users_todos_are_listed_newest_first()
    {
        var userId = await SignInNewUserAsync();
        await _todos.CreateAsync(userId, new SaveTodoRequest { Title = "Older", Description = "with notes" });
        await _todos.CreateAsync(userId, new SaveTodoRequest { Title = "Newer" });

        var page = Render<TodosPage>();

        page.WaitForAssertion(() => Assert.Equal(["Newer", "Older"], Titles(page)), DatabaseTimeout);
        Assert.Contains("with notes", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Adding_a_todo_stores_it_and_shows_it()
    {
        var userId = await SignInNewUserAsync();
        var page = Render<TodosPage>();
        page.WaitForElement("[data-testid=todos-empty]", DatabaseTimeout);

        page.FindAll("input.mud-input-slot")[0].Change("Write the report");
        await page.Find("form").SubmitAsync();

        page.WaitForAssertion(() => Assert.Equal(["Write the report"], Titles(page)), DatabaseTimeout);
        Assert.Equal(1, (await _todos.GetSummaryAsync(userId)).Total);
    }

    [Fact]
    public async Task An_empty_title_is_refused_and_nothing_is_stored()
    {
        var userId = await SignInNewUserAsync();
        var page = Render<TodosPage>();
        page.WaitForElement("[data-testid=todos-empty]", DatabaseTimeout);

        await page.Find("form").SubmitAsync();

        page.WaitForAssertion(() => Assert.Contains("The Title field is required.", page.Markup, StringComparison.Ordinal));
        Assert.Equal(0, (await _todos.GetSummaryAsync(userId)).Total);
    }

    [Fact]
    public async Task Ticking_a_todo_completes_it_and_the_completed_filter_shows_only_it()
    {
        var userId = await SignInNewUserAsync();
        await _todos.CreateAsync(userId, new SaveTodoRequest { Title = "Stays open" });
        await _todos.CreateAsync(userId, new SaveTodoRequest { Title = "Gets done" });
        var page = Render<TodosPage>();
        page.WaitForAssertion(() => Assert.Equal(2, Titles(page).Count), DatabaseTimeout);

        await page.ChangeAsync(() => page.FindAll("tbody input[type=checkbox]")[0], true);
        page.WaitForAssertion(() => Assert.Contains("line-through", page.Find("tbody td[data-label=Title] p").GetAttribute("style"), StringComparison.Ordinal), DatabaseTimeout);
        Assert.Equal(1, (await _todos.GetSummaryAsync(userId)).Completed);
        await page.ClickAsync(() => FilterRadio(page, "Completed"));

        page.WaitForAssertion(() => Assert.Equal(["Gets done"], Titles(page)), DatabaseTimeout);
    }

    [Fact]
    public async Task Deleting_asks_for_confirmation_then_removes_the_todo()
    {
        var userId = await SignInNewUserAsync();
        await _todos.CreateAsync(userId, new SaveTodoRequest { Title = "Doomed" });
        var dialogs = Render<MudDialogProvider>();
        var page = Render<TodosPage>();
        page.WaitForAssertion(() => Assert.Equal(["Doomed"], Titles(page)), DatabaseTimeout);

        // The click's handler waits for the answer in the message box, so it is awaited only after answering.
        var click = await page.StartClickAsync(() => page.Find("button[aria-label='Delete Doomed']"));
        dialogs.WaitForAssertion(() => Assert.Contains("This cannot be undone.", dialogs.Markup, StringComparison.Ordinal));
        Assert.Equal(1, (await _todos.GetSummaryAsync(userId)).Total);
        await dialogs.ClickAsync(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Delete"));
        await click;

        page.WaitForElement("[data-testid=todos-empty]", DatabaseTimeout);
        Assert.Equal(0, (await _todos.GetSummaryAsync(userId)).Total);
    }

    internal static AngleSharp.Dom.IElement FilterRadio(IRenderedComponent<TodosPage> page, string name) =>
        page.Find("[role=radiogroup][aria-label='Filter todos']").QuerySelectorAll("input[type=radio]")
            .Single(r => r.Closest("label")!.TextContent.Trim() == name);

    internal static List<string> Titles(IRenderedComponent<TodosPage> page) =>
        page.FindAll("tbody td[data-label=Title] p:first-child").Select(p => p.TextContent.Trim()).ToList();
}

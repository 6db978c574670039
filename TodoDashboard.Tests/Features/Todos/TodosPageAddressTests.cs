using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using TodoDashboard.Features.Todos;
using TodoDashboard.Features.Todos.Components;
using static TodoDashboard.Tests.Features.Todos.TodosPageTests;

namespace TodoDashboard.Tests.Features.Todos;

/// <summary>The todo list's filter, search and page in the address: a link shows them, a change writes them, a bad link shows every todo and says why.</summary>
public class TodosPageAddressTests : ComponentTestContext
{
    private readonly TodoService _todos;

    public TodosPageAddressTests(TodoDashboardFactory factory) : base(factory)
    {
        _todos = AppService<TodoService>();
        Services.AddSingleton(_todos);
    }

    private BunitNavigationManager Navigation => (BunitNavigationManager)Services.GetRequiredService<NavigationManager>();

    [Fact]
    public async Task A_link_shows_its_filter_search_and_page()
    {
        var userId = await SignInNewUserAsync();
        for (var i = 1; i <= 7; i++)
        {
            var todo = await _todos.CreateAsync(userId, new SaveTodoRequest { Title = $"Buy milk {i}" });
            if (i == 6)
            {
                await _todos.ToggleAsync(userId, todo.Id);
            }
        }

        await _todos.CreateAsync(userId, new SaveTodoRequest { Title = "Walk the dog" });
        Navigation.NavigateTo("todos?filter=active&search=MILK&page=2&pageSize=2");

        var page = Render<TodosPage>();

        // Active milk, newest first: 7, 5 | 4, 3 | 2, 1.
        page.WaitForAssertion(() => Assert.Equal(["Buy milk 4", "Buy milk 3"], Titles(page)), DatabaseTimeout);
        Assert.Equal("MILK", page.Find("input[data-testid=todo-search]").GetAttribute("value"));
        Assert.True(FilterRadio(page, "Active").HasAttribute("checked") || FilterRadio(page, "Active").Closest(".mud-checked") is not null);
        Assert.Equal("api/todos/export?filter=active&search=MILK", page.Find("a[data-testid=todos-export]").GetAttribute("href"));
        Assert.Empty(page.FindAll("[data-testid=todos-address-notice]"));
    }

    [Fact]
    public async Task Searching_then_filtering_writes_each_into_the_address_and_the_export_link()
    {
        var userId = await SignInNewUserAsync();
        var done = await _todos.CreateAsync(userId, new SaveTodoRequest { Title = "50% of the report" });
        await _todos.ToggleAsync(userId, done.Id);
        await _todos.CreateAsync(userId, new SaveTodoRequest { Title = "5 of the report" });
        var page = Render<TodosPage>();
        page.WaitForAssertion(() => Assert.Equal(2, Titles(page).Count), DatabaseTimeout);

        await page.Find("input[data-testid=todo-search]").InputAsync(new ChangeEventArgs { Value = "0%" });
        page.WaitForAssertion(() => Assert.Equal(["50% of the report"], Titles(page)), DatabaseTimeout);
        Assert.EndsWith("/todos?search=0%25", Navigation.Uri, StringComparison.Ordinal);

        await page.ClickAsync(() => FilterRadio(page, "Active"));
        page.WaitForAssertion(() => Assert.Contains("No todos match “0%”.", page.Find("[data-testid=todos-empty]").TextContent, StringComparison.Ordinal), DatabaseTimeout);
        Assert.EndsWith("/todos?filter=active&search=0%25", Navigation.Uri, StringComparison.Ordinal);
        Assert.Equal("api/todos/export?filter=active&search=0%25", page.Find("a[data-testid=todos-export]").GetAttribute("href"));
        Assert.Equal(2, Navigation.History.Count);
    }

    [Fact]
    public async Task Going_back_to_an_earlier_address_shows_its_list_again()
    {
        var userId = await SignInNewUserAsync();
        await _todos.CreateAsync(userId, new SaveTodoRequest { Title = "Call the bank" });
        await _todos.CreateAsync(userId, new SaveTodoRequest { Title = "Water the plants" });
        var page = Render<TodosPage>();
        page.WaitForAssertion(() => Assert.Equal(2, Titles(page).Count), DatabaseTimeout);

        // What Back does: the browser shows an address the page did not just write.
        await page.InvokeAsync(() => Navigation.NavigateTo("todos?search=bank"));

        page.WaitForAssertion(() => Assert.Equal(["Call the bank"], Titles(page)), DatabaseTimeout);
        Assert.Equal("bank", page.Find("input[data-testid=todo-search]").GetAttribute("value"));
    }

    [Fact]
    public async Task A_link_with_bad_parameters_shows_every_todo_and_says_what_was_wrong()
    {
        var userId = await SignInNewUserAsync();
        await _todos.CreateAsync(userId, new SaveTodoRequest { Title = "Only one" });
        Navigation.NavigateTo("todos?filter=someday&page=0&search=Only");

        var page = Render<TodosPage>();

        page.WaitForAssertion(() => Assert.Equal(["Only one"], Titles(page)), DatabaseTimeout);
        var notice = page.Find("[data-testid=todos-address-notice]").TextContent;
        Assert.Contains("'filter' must be one of: all, active, completed.", notice, StringComparison.Ordinal);
        Assert.Contains("'page' must be a whole number from 1 to", notice, StringComparison.Ordinal);
        Assert.Equal("", page.Find("input[data-testid=todo-search]").GetAttribute("value") ?? "");
    }
}

using Bunit;
using MudBlazor;
using TodoDashboard.Features.Todos;
using TodoDashboard.Features.Todos.Components;

namespace TodoDashboard.Tests.Features.Todos;

/// <summary>The todo edit dialog, opened from the page, when the todo changes or goes away while it is open.</summary>
public class TodoEditDialogTests : ComponentTestContext
{
    private readonly TodoService _todos;

    public TodoEditDialogTests(TodoDashboardFactory factory) : base(factory) => _todos = UseAppService<TodoService>();

    [Fact]
    public async Task A_save_after_another_change_shows_their_values_beside_yours_and_saves_nothing()
    {
        var (userId, todo, dialogs, _) = await OpenEditorAsync();
        await dialogs.FillAsync("Title", "Mine");
        var theirs = await ChangeElsewhereAsync(userId, todo);

        await dialogs.Find("form#edit-todo-form").SubmitAsync();

        dialogs.WaitForConflict(DatabaseTimeout);
        Assert.Equal(("Mine", "Theirs"), dialogs.Conflict("Title"));
        Assert.Equal(("(empty)", "their notes"), dialogs.Conflict("Description"));
        Assert.Empty(dialogs.FindAll("[data-testid=edit-conflict] tr[data-field='Completed']"));
        Assert.Equal(theirs, await _todos.GetAsync(userId, todo.Id));
    }

    [Fact]
    public async Task Reload_takes_their_version_into_the_form_and_a_save_then_keeps_it()
    {
        var (userId, todo, dialogs, edit) = await OpenIntoConflictAsync();

        await dialogs.ClickButtonAsync("Reload");

        Assert.Empty(dialogs.FindAll("[data-testid=edit-conflict]"));
        Assert.Equal("Theirs", dialogs.Field("Title").GetAttribute("value"));
        Assert.Equal("their notes", dialogs.Field("Description").GetAttribute("value"));
        await dialogs.FillAsync("Title", "Theirs, then mine");
        await dialogs.Find("form#edit-todo-form").SubmitAsync();
        await edit;
        var stored = await _todos.GetAsync(userId, todo.Id);
        Assert.Equal(("Theirs, then mine", "their notes"), (stored!.Title, stored.Description));
    }

    [Fact]
    public async Task Overwrite_saves_your_version_over_theirs()
    {
        var (userId, todo, dialogs, edit) = await OpenIntoConflictAsync();

        await dialogs.ClickButtonAsync("Overwrite");
        await edit;

        Assert.Empty(dialogs.FindAll(".mud-dialog"));
        var stored = await _todos.GetAsync(userId, todo.Id);
        Assert.Equal(("Mine", null), (stored!.Title, stored.Description));
    }

    [Fact]
    public async Task A_save_after_a_delete_says_so_and_keeps_the_form()
    {
        var (userId, todo, dialogs, _) = await OpenEditorAsync();
        await dialogs.FillAsync("Title", "Mine");
        await _todos.DeleteAsync(userId, todo.Id);

        await dialogs.Find("form#edit-todo-form").SubmitAsync();

        dialogs.WaitForDeleted(DatabaseTimeout);
        Assert.Equal("Mine", dialogs.Field("Title").GetAttribute("value"));
        Assert.True(dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Save").HasAttribute("disabled"));
    }

    /// <summary>Signs in a new user with one todo, renders the page and opens the todo's editor; the click finishes when the dialog closes.</summary>
    private async Task<(string UserId, TodoResponse Todo, IRenderedComponent<MudDialogProvider> Dialogs, Task Edit)> OpenEditorAsync()
    {
        var userId = await SignInNewUserAsync();
        var todo = await _todos.CreateAsync(userId, new SaveTodoRequest { Title = "Original" });
        var dialogs = Render<MudDialogProvider>();
        var page = Render<TodosPage>();
        page.WaitForElement("button[aria-label='Edit Original']", DatabaseTimeout);
        var edit = await page.StartClickAsync(() => page.Find("button[aria-label='Edit Original']"));
        dialogs.WaitForAssertion(() => Assert.Equal("Original", dialogs.Field("Title").GetAttribute("value")));
        return (userId, todo, dialogs, edit);
    }

    /// <summary>Opens the editor, types a title, lets another save land, and saves: the dialog shows the conflict.</summary>
    private async Task<(string UserId, TodoResponse Todo, IRenderedComponent<MudDialogProvider> Dialogs, Task Edit)> OpenIntoConflictAsync()
    {
        var opened = await OpenEditorAsync();
        await opened.Dialogs.FillAsync("Title", "Mine");
        await ChangeElsewhereAsync(opened.UserId, opened.Todo);
        await opened.Dialogs.Find("form#edit-todo-form").SubmitAsync();
        opened.Dialogs.WaitForConflict(DatabaseTimeout);
        return opened;
    }

    private async Task<TodoResponse> ChangeElsewhereAsync(string userId, TodoResponse todo) =>
        (await _todos.PatchAsync(userId, todo.Id, new PatchTodoRequest { Title = "Theirs", Description = "their notes" })).Current!;
}

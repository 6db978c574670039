using Microsoft.AspNetCore.WebUtilities;
using TodoDashboard.Features.Todos;
using TodoDashboard.Features.Todos.Components;

namespace TodoDashboard.Tests.Features.Todos;

/// <summary>The todo list's view written as its address reads back as the same view; what the API would refuse reads as the default view, with the reasons.</summary>
[Trait("Category", "Unit")]
public class TodoListViewTests
{
    public static TheoryData<TodoListView> Views() =>
    [
        new TodoListView(),
        new TodoListView { Filter = TodoFilter.Active },
        new TodoListView { Filter = TodoFilter.Completed, Search = "50% of a_b \\ & = ? # “quotes”", Page = 3, PageSize = 25 },
        new TodoListView { Search = "😀 milk", Page = 100_000, PageSize = 100 },
    ];

    [Theory]
    [MemberData(nameof(Views))]
    public void A_view_reads_back_from_its_address_unchanged(TodoListView view)
    {
        var (read, errors) = Read(view.ToRelativeUri());

        Assert.Empty(errors);
        Assert.Equal(view, read);
    }

    [Fact]
    public void The_default_view_is_the_bare_address_and_exports_every_todo()
    {
        Assert.Equal("todos", new TodoListView().ToRelativeUri());
        Assert.Equal("api/todos/export?filter=all", new TodoListView().ExportHref);
        Assert.Equal("api/todos/export?filter=active&search=milk%20tea", new TodoListView { Filter = TodoFilter.Active, Search = "milk tea", Page = 4 }.ExportHref);
    }

    [Theory]
    [InlineData("filter=someday", "'filter' must be one of: all, active, completed.")]
    [InlineData("page=0", "'page' must be a whole number from 1 to 100000.")]
    [InlineData("page=-1", "'page' must be a whole number from 1 to 100000.")]
    [InlineData("pageSize=101", "'pageSize' must be a whole number from 1 to 100.")]
    [InlineData("pageSize=ten", "'pageSize' must be a whole number from 1 to 100.")]
    [InlineData("search=a%00b", "'search' contains a NUL character (U+0000), which text cannot hold.")]
    public void A_parameter_the_api_refuses_gives_the_default_view_and_says_why(string query, string error)
    {
        var (read, errors) = Read($"todos?filter=active&{query}");

        Assert.Equal(new TodoListView(), read);
        Assert.Equal([error], errors);
    }

    private static (TodoListView View, IReadOnlyList<string> Errors) Read(string relativeUri)
    {
        var query = QueryHelpers.ParseQuery(relativeUri.Contains('?', StringComparison.Ordinal) ? relativeUri[relativeUri.IndexOf('?', StringComparison.Ordinal)..] : "");
        string? Value(string name) => query.TryGetValue(name, out var value) ? value.ToString() : null;
        return TodoListView.Parse(Value("filter"), Value("search"), Value("page"), Value("pageSize"));
    }
}

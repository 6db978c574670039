using System.Globalization;
using TodoDashboard.Infrastructure.Validation;

namespace TodoDashboard.Features.Todos.Components;

/// <summary>
/// What the todo list shows, as its address holds it, in the API's own parameters (filter, search, page, pageSize):
/// read from a link, written after each change, and the export link for the same filter and search.
/// </summary>
public sealed record TodoListView
{
    public const int DefaultPageSize = 10;

    public static readonly int[] PageSizes = [10, 25, 50, 100];

    public TodoFilter Filter { get; init; } = TodoFilter.All;

    public string? Search { get; init; }

    /// <summary>1-based, as the API counts.</summary>
    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = DefaultPageSize;

    /// <summary>The view a link's parameters name, or the default view and why not when any of them is not one the API takes.</summary>
    public static (TodoListView View, IReadOnlyList<string> Errors) Parse(string? filter, string? search, string? page, string? pageSize)
    {
        var errors = new List<string>();
        var view = new TodoListView();
        if (!string.IsNullOrEmpty(filter))
        {
            if (EnumChoice<TodoFilter>.TryParse(filter, null, out var choice))
            {
                view = view with { Filter = choice };
            }
            else
            {
                errors.Add($"'filter' must be one of: {string.Join(", ", Enum.GetNames<TodoFilter>().Select(n => n.ToLowerInvariant()))}.");
            }
        }

        if (InputPolicy.Check("search", search, Todo.TitleMaxLength) is { } refused)
        {
            errors.Add(refused);
        }
        else if (!string.IsNullOrWhiteSpace(search))
        {
            view = view with { Search = search.Trim() };
        }

        view = view with
        {
            Page = Number(errors, "page", page, 1, Paging.MaxPage) ?? 1,
            PageSize = Number(errors, "pageSize", pageSize, 1, 100) ?? DefaultPageSize,
        };
        return errors.Count == 0 ? (view, errors) : (new TodoListView(), errors);
    }

    /// <summary>The page's address; what is at its default is left out.</summary>
    public string ToRelativeUri() => "todos" + QueryString.Create(new Dictionary<string, string?>
    {
        ["filter"] = Filter == TodoFilter.All ? null : FilterName,
        ["search"] = Search,
        ["page"] = Page == 1 ? null : Page.ToString(CultureInfo.InvariantCulture),
        ["pageSize"] = PageSize == DefaultPageSize ? null : PageSize.ToString(CultureInfo.InvariantCulture),
    }.Where(p => p.Value is not null)).ToUriComponent();

    /// <summary>The CSV of every todo the filter and the search keep, not only the page shown.</summary>
    public string ExportHref => "api/todos/export" + QueryString.Create(new Dictionary<string, string?>
    {
        ["filter"] = FilterName,
        ["search"] = Search,
    }.Where(p => p.Value is not null)).ToUriComponent();

    private string FilterName => Filter.ToString().ToLowerInvariant();

    private static int? Number(List<string> errors, string name, string? text, int min, int max)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        errors.Add(FormattableString.Invariant($"'{name}' must be a whole number from {min} to {max}."));
        return null;
    }
}

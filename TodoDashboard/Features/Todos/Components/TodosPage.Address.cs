using Microsoft.AspNetCore.Components;
using MudBlazor;
using TodoDashboard.Components;
using TodoDashboard.Infrastructure.Validation;

namespace TodoDashboard.Features.Todos.Components;

/// <summary>
/// The list's filter, search and page in the address: a link, a refresh, Back and Forward show the same list, and
/// history gets one entry per settled search (see <see cref="AddressHistory"/>).
/// </summary>
public sealed partial class TodosPage : IDisposable
{
    // How long typing must pause before the search runs.
    private static readonly TimeSpan SearchDebounce = TimeSpan.FromMilliseconds(300);

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "filter")] private string? FilterQuery { get; set; }

    [SupplyParameterFromQuery(Name = "search")] private string? SearchQuery { get; set; }

    [SupplyParameterFromQuery(Name = "page")] private string? PageQuery { get; set; }

    [SupplyParameterFromQuery(Name = "pageSize")] private string? PageSizeQuery { get; set; }

    private AddressHistory? _history;
    private (string?, string?, string?, string?)? _shownQuery;
    private TodoListView _view = new();

    // What the search box holds; the list searches for it once typing pauses.
    private string? _searchText;
    private string? _searchError;
    private CancellationTokenSource? _typing;
    private string? _addressNotice;
    private bool _reload;

    private AddressHistory History => _history ??= new AddressHistory(Navigation);

    // Parameters are set again after every navigation to this page, the page's own writes too: only a query that
    // came from elsewhere (Back, Forward, a link) is shown.
    protected override void OnParametersSet()
    {
        var query = (FilterQuery, SearchQuery, PageQuery, PageSizeQuery);
        if (_shownQuery == query)
        {
            return;
        }

        var first = _shownQuery is null;
        _shownQuery = query;
        if (!first && !History.Arrived(Navigation.Uri))
        {
            return;
        }

        var (view, errors) = TodoListView.Parse(FilterQuery, SearchQuery, PageQuery, PageSizeQuery);
        _addressNotice = errors.Count == 0 ? null : $"This link's list could not be read, so every todo is shown. {string.Join(" ", errors)}";
        _typing?.Cancel();
        (_view, _searchText, _searchError, _reload) = (view, view.Search, null, !first);
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // After the render that gave the table its page: reloading before it would read the page it had.
        if (_reload && _table is not null)
        {
            _reload = false;
            await _table.ReloadServerData();
        }
    }

    private Task OnFilterChangedAsync(TodoFilter filter)
    {
        _typing?.Cancel();
        Show(_view with { Filter = filter, Search = _searchError is null ? Clean(_searchText) : _view.Search, Page = 1 }, typed: false);
        return Task.CompletedTask;
    }

    private async Task OnSearchChangedAsync(string? text)
    {
        _searchText = text;
        _typing?.Cancel();
        _searchError = InputPolicy.Check("search", text, Todo.TitleMaxLength);
        if (_searchError is not null)
        {
            return;
        }

        var view = _view with { Search = Clean(text), Page = 1 };
        History.Write(view.ToRelativeUri(), typed: true);
        var typing = _typing = new CancellationTokenSource();
        try
        {
            await Task.Delay(SearchDebounce, typing.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        finally
        {
            if (ReferenceEquals(_typing, typing))
            {
                _typing = null;
            }

            typing.Dispose();
        }

        History.Settled();
        (_view, _reload) = (view, true);
    }

    private void Show(TodoListView view, bool typed)
    {
        History.Write(view.ToRelativeUri(), typed);
        (_view, _reload) = (view, true);
    }

    // The pager changed the page or its size: the address follows.
    private void FollowPager(TableState state)
    {
        var view = _view with { Page = state.Page + 1, PageSize = state.PageSize };
        if (view != _view)
        {
            _view = view;
            History.Write(view.ToRelativeUri(), typed: false);
        }
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    public void Dispose() => _typing?.Cancel();
}

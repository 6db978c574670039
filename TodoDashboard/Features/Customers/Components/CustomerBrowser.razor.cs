using Microsoft.AspNetCore.Components;
using TodoDashboard.Components;
using TodoDashboard.Features.Customers.Generation;

namespace TodoDashboard.Features.Customers.Components;

/// <summary>The customer list's state and behaviour: the current query, its cancellation and the cursor pager (the row actions: CustomerBrowser.Actions.cs).</summary>
public sealed partial class CustomerBrowser : IDisposable
{
    [Inject] private CustomerSearch Search { get; set; } = default!;

    [Inject] private UserErrors Errors { get; set; } = default!;

    // How long typing must pause before the search runs.
    private static readonly TimeSpan SearchDebounce = TimeSpan.FromMilliseconds(300);

    private const string SearchPlaceholder = "maria vienna · \"oak street\" · smith -john · 0660123";

    private static readonly int[] PageSizes = [10, 20, 50, 100];

    private readonly CustomerFilterModel _filters = new();
    private string? _search;
    private CustomerSort _sort = CustomerSort.Created;
    private bool _descending = true;
    private int _pageSize = 20;
    private bool _filtersOpen = true;

    // The latest query's cancellation; a new query cancels it first.
    private CancellationTokenSource? _request;
    private bool _loading;
    private CustomerPage? _page;
    private bool _pageFiltered;
    private string? _pageCursor;
    private string? _error;

    protected override Task OnInitializedAsync()
    {
        Navigation.LocationChanged += OnLocationChanged;
        return QueryAsync(ReadAddress());
    }

    [Inject] private CustomerGenerationService Generation { get; set; } = default!;

    /// <summary>Reads the page on screen again (after a write).</summary>
    private Task ReloadAsync() => QueryAsync(_pageCursor);

    // Before the first page there is nothing to refresh: the first query, still reading, would only be cancelled.
    private Task OnGenerationEndedAsync() => _page is null && _loading ? Task.CompletedTask : ReloadAsync();

    private Task OnSearchChangedAsync(string? search)
    {
        _search = search;
        return ChangeAsync(cursor: null, typed: true);
    }

    private Task OnFiltersChangedAsync(bool typed) => ChangeAsync(cursor: null, typed);

    private Task SortByAsync(CustomerSort sort)
    {
        _descending = sort == _sort && !_descending;
        _sort = sort;
        return ChangeAsync(cursor: null);
    }

    private Task OnSortSelectedAsync(CustomerSort sort)
    {
        _sort = sort;
        return ChangeAsync(cursor: null);
    }

    private Task ReverseAsync()
    {
        _descending = !_descending;
        return ChangeAsync(cursor: null);
    }

    private Task OnPageSizeChangedAsync(int size)
    {
        _pageSize = size;
        return ChangeAsync(cursor: null);
    }

    private Task NextAsync() => _page?.Next is { } next ? ChangeAsync(next) : Task.CompletedTask;

    private Task PreviousAsync() => _page?.Previous is { } previous ? ChangeAsync(previous) : Task.CompletedTask;

    private Task RetryAsync() => QueryAsync(_pageCursor);

    private Task ClearAllAsync()
    {
        _search = null;
        _filters.Clear();
        return ChangeAsync(cursor: null);
    }

    /// <summary>A change the user made: the address follows it (see CustomerBrowser.Address.cs), then the list.</summary>
    private Task ChangeAsync(string? cursor, bool typed = false)
    {
        WriteAddress(cursor, typed);
        return QueryAsync(cursor, typed ? SearchDebounce : TimeSpan.Zero);
    }

    private CustomerQuery CurrentQuery() => _filters.ApplyTo(new CustomerQuery
    {
        Search = string.IsNullOrWhiteSpace(_search) ? null : _search.Trim(),
        SortBy = _sort,
        Descending = _descending,
        PageSize = _pageSize,
    });

    /// <summary>The CSV of everything the current search, filters and sort match, not only the page shown.</summary>
    private string ExportHref => "api/customers/export" + CustomerQueryString.Format(CurrentQuery());

    private async Task QueryAsync(string? cursor, TimeSpan debounce = default)
    {
        _request?.Cancel();
        var query = CurrentQuery();
        var filtered = query.Search is not null || _filters.ActiveCount > 0;
        if (_filters.Refusal(query.Search) is { } refusal)
        {
            (_page, _pageFiltered, _error) = (null, filtered, $"Could not search the customers: {refusal}");
            return;
        }

        using var request = new CancellationTokenSource();
        _request = request;
        _loading = true;
        try
        {
            if (debounce > TimeSpan.Zero)
            {
                await Task.Delay(debounce, request.Token);
                History.Settled();
            }

            CustomerCursor.TryDecode(cursor, out var position);
            var page = await Search.SearchAsync(query, position, request.Token);
            if (request.IsCancellationRequested)
            {
                return;
            }

            (_page, _pageFiltered, _pageCursor, _error) = (page, filtered, cursor, null);
        }
        catch (Exception) when (request.IsCancellationRequested)
        {
            // A newer query (or leaving the page) cancelled this one: whatever it ended with is not shown.
        }
        catch (Exception ex)
        {
            (_page, _pageFiltered, _error) = (null, filtered, Errors.Report(ex, "search the customers"));
        }
        finally
        {
            if (ReferenceEquals(_request, request))
            {
                _request = null;
                _loading = false;
            }
        }
    }

    private string? AriaSort(params CustomerSort[] sorts) =>
        !sorts.Contains(_sort) ? null : _descending ? "descending" : "ascending";

    private static string TimingText(CustomerPage page)
    {
        var work = page.Performance switch
        {
            { Cached: true } => "cached",
            { QueryCount: 1 } => "1 query",
            var p => $"{p.QueryCount} queries",
        };

        // One page without neighbours is the whole result, so its count is exact; otherwise it is the planner's estimate.
        var matches = page is { Previous: null, Next: null }
            ? $"{page.Results.Count:N0} {(page.Results.Count == 1 ? "match" : "matches")}"
            : $"about {Math.Max(page.EstimatedTotal, page.Results.Count):N0} matches";
        return $"{page.Performance.ElapsedMs:N1} ms · {work} · {matches}";
    }

    public void Dispose()
    {
        Navigation.LocationChanged -= OnLocationChanged;
        _request?.Cancel();
    }
}

using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using TodoDashboard.Components;
using TodoDashboard.Infrastructure.Auth;
using TodoDashboard.Infrastructure.Concurrency;

namespace TodoDashboard.Features.Customers.Components;

/// <summary>The customer list's state and behaviour: the current query, its cancellation, the cursor pager, and the row actions.</summary>
public sealed partial class CustomerBrowser : IDisposable
{
    [Inject] private CustomerSearch Search { get; set; } = default!;

    [Inject] private CustomerService Customers { get; set; } = default!;

    [Inject] private IDialogService Dialogs { get; set; } = default!;

    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [Inject] private UserErrors Errors { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

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

    protected override Task OnInitializedAsync() => QueryAsync(cursor: null);

    /// <summary>Reads the page on screen again (after a write, or when the generator has added customers).</summary>
    public Task ReloadAsync() => QueryAsync(_pageCursor);

    private Task OnSearchChangedAsync(string? search)
    {
        _search = search;
        return QueryAsync(cursor: null, SearchDebounce);
    }

    private Task OnFiltersChangedAsync(bool typed) => QueryAsync(cursor: null, typed ? SearchDebounce : TimeSpan.Zero);

    private Task SortByAsync(CustomerSort sort)
    {
        _descending = sort == _sort && !_descending;
        _sort = sort;
        return QueryAsync(cursor: null);
    }

    private Task OnSortSelectedAsync(CustomerSort sort)
    {
        _sort = sort;
        return QueryAsync(cursor: null);
    }

    private Task ReverseAsync()
    {
        _descending = !_descending;
        return QueryAsync(cursor: null);
    }

    private Task OnPageSizeChangedAsync(int size)
    {
        _pageSize = size;
        return QueryAsync(cursor: null);
    }

    private Task NextAsync() => _page?.Next is { } next ? QueryAsync(next) : Task.CompletedTask;

    private Task PreviousAsync() => _page?.Previous is { } previous ? QueryAsync(previous) : Task.CompletedTask;

    private Task RetryAsync() => QueryAsync(_pageCursor);

    private Task ClearAllAsync()
    {
        _search = null;
        _filters.Clear();
        return QueryAsync(cursor: null);
    }

    private CustomerQuery CurrentQuery() => _filters.ApplyTo(new CustomerQuery
    {
        Search = string.IsNullOrWhiteSpace(_search) ? null : _search.Trim(),
        SortBy = _sort,
        Descending = _descending,
        PageSize = _pageSize,
    });

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

    private async Task AddAsync()
    {
        if (await ShowEditorAsync(null) is { } created)
        {
            Snackbar.Add($"Added {created.FirstName} {created.LastName} ({created.CustomerId}).", Severity.Success);
            await ReloadAsync();
        }
    }

    private async Task EditAsync(CustomerResponse customer)
    {
        if (await ShowEditorAsync(customer) is { } saved)
        {
            Snackbar.Add($"Saved {saved.FirstName} {saved.LastName} ({saved.CustomerId}).", Severity.Success);
        }

        // Also after a cancel: the dialog may have found the customer deleted meanwhile.
        await ReloadAsync();
    }

    private async Task<CustomerResponse?> ShowEditorAsync(CustomerResponse? customer)
    {
        var parameters = new DialogParameters<CustomerEditDialog> { { d => d.Editing, customer } };
        var options = new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, BackdropClick = false };
        var dialog = await Dialogs.ShowAsync<CustomerEditDialog>(customer is null ? "New customer" : "Edit customer", parameters, options);
        return await dialog.Result is { Canceled: false, Data: CustomerResponse saved } ? saved : null;
    }

    private async Task DeleteAsync(CustomerResponse customer)
    {
        if (AuthenticationState is null || !(await AuthenticationState).User.Allows(AppRoles.Operator))
        {
            return;
        }

        var name = $"{customer.FirstName} {customer.LastName} ({customer.CustomerId})";
        var confirmed = await Dialogs.ShowMessageBoxAsync("Delete customer", $"Delete {name}? This cannot be undone.", yesText: "Delete", cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        try
        {
            var deleted = (await Customers.DeleteAsync(customer.Id)).Outcome == WriteOutcome.Done;
            Snackbar.Add(deleted ? $"Deleted {name}." : $"{name} was deleted already.", deleted ? Severity.Info : Severity.Warning);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Snackbar.Add(Errors.Report(ex, $"delete {name}"), Severity.Error);
        }

        await ReloadAsync();
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

    public void Dispose() => _request?.Cancel();
}

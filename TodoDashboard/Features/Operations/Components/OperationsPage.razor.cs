using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using TodoDashboard.Components;
using TodoDashboard.Infrastructure.LiveUpdates;
using TodoDashboard.Infrastructure.Runs;

namespace TodoDashboard.Features.Operations.Components;

/// <summary>
/// /operations: every run the user may see, filtered by the URL's query, paged by keyset, kept live by the runs
/// notifier; and the two charts over them.
/// </summary>
public sealed partial class OperationsPage
{
    public const int PageSize = 25;

    private const string Any = "any";

    [Inject] private RunEngine Engine { get; set; } = default!;

    [Inject] private RunKinds Kinds { get; set; } = default!;

    [Inject] private RunNotifier Notifier { get; set; } = default!;

    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [Inject] private TimeProvider Clock { get; set; } = default!;

    [Inject] private UserErrors Errors { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState> AuthState { get; set; } = default!;

    [SupplyParameterFromQuery(Name = RunFilter.KindKey)] private string? KindQuery { get; set; }

    [SupplyParameterFromQuery(Name = RunFilter.StateKey)] private string? StateQuery { get; set; }

    [SupplyParameterFromQuery(Name = RunFilter.OwnerKey)] private string? OwnerQuery { get; set; }

    [SupplyParameterFromQuery(Name = RunFilter.TimeKey)] private string? TimeQuery { get; set; }

    private LiveRefresh? _live;
    private RunViewer? _viewer;
    private List<RunResponse>? _runs;
    private string? _next;
    private bool _loadingMore;
    private string? _error;
    private RunRetentionStatus? _retention;

    // Raised by every new filter; a read started under an older one drops its answer.
    private int _generation;
    private bool _refreshPending;

    /// <summary>The filters, as the URL gives them.</summary>
    public RunFilter Filter { get; private set; } = new();

    /// <summary>How many refreshes notifications have caused (tests check the coalescing with it).</summary>
    public int LiveRefreshes => _live?.Refreshes ?? 0;

    private DateTime Now => Clock.GetUtcNow().UtcDateTime;

    private string TableTitle => Filter.IsEmpty ? "All runs" : "Runs matching the filters";

    private string EmptyText => Filter.IsEmpty
        ? "No runs yet. Start a job, a price update or a customer generation and it shows here."
        : "No run matches these filters.";

    protected override async Task OnInitializedAsync()
    {
        try
        {
            _retention = await Engine.RetentionAsync();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The history's settings are a footnote: the page works without them.
            Errors.Report(ex, "read the history's retention");
        }
    }

    protected override async Task OnParametersSetAsync()
    {
        _viewer ??= RunViewer.Of((await AuthState).User);
        var filter = RunFilter.Parse(KindQuery, StateQuery, OwnerQuery, TimeQuery, Kinds);
        if (_runs is not null && filter == Filter)
        {
            return;
        }

        Filter = filter;
        await LoadAsync();
    }

    // Every change the user may see concerns the page: the charts are not filtered, only the list is.
    private IDisposable SubscribeToRuns(Action changed) =>
        Notifier.Subscribe(change => _viewer is { } viewer && change.MayBeSeenBy(viewer, Kinds), change =>
        {
            if (change is null || !change.IsActive)
            {
                Interlocked.Exchange(ref _throughputStale, 1);
            }

            changed();
        });

    private Task FilterAsync(RunFilter filter)
    {
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(filter.QueryParameters()));
        return Task.CompletedTask;
    }

    /// <summary>The first page under the current filters.</summary>
    private async Task LoadAsync()
    {
        var generation = ++_generation;
        _runs = null;
        _next = null;
        _error = null;
        try
        {
            var page = await Engine.ListAsync(Filter.ToQuery(Now, cursor: null, PageSize), _viewer!);
            if (generation == _generation)
            {
                _runs = [.. page.Items];
                _next = page.NextCursor;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _error = Errors.Report(ex, "load the runs");
            _runs = [];
        }

        await LoadChartsAsync();
        if (_refreshPending && generation == _generation)
        {
            _refreshPending = false;
            await RefreshAsync();
        }
    }

    private async Task MoreAsync()
    {
        var generation = _generation;
        _loadingMore = true;
        try
        {
            var page = await Engine.ListAsync(Filter.ToQuery(Now, _next, PageSize), _viewer!);
            if (generation == _generation && _runs is not null)
            {
                // A run created since the first page is above the cursor, so pages never overlap; a refresh may have read some already.
                _runs.AddRange(page.Items.Where(r => _runs.All(shown => shown.Id != r.Id)));
                _next = page.NextCursor;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _error = Errors.Report(ex, "load more runs");
        }
        finally
        {
            _loadingMore = false;
        }
    }

    /// <summary>On a change: reads again as many runs as are shown, so "Load more" keeps its place, and the charts.</summary>
    private async Task RefreshAsync()
    {
        if (_runs is null)
        {
            // The first read is under way: it reads again when done, so a change made meanwhile is not lost.
            _refreshPending = true;
            return;
        }

        var generation = _generation;
        var wanted = Math.Max(PageSize, _runs.Count);
        try
        {
            var runs = new List<RunResponse>(wanted);
            string? cursor = null;
            do
            {
                var page = await Engine.ListAsync(Filter.ToQuery(Now, cursor, Math.Min(wanted - runs.Count, RunEngine.MaxListLimit)), _viewer!);
                runs.AddRange(page.Items);
                cursor = page.NextCursor;
            }
            while (cursor is not null && runs.Count < wanted);

            if (generation == _generation)
            {
                _runs = runs;
                _next = cursor;
                _error = null;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _error = Errors.Report(ex, "refresh the runs");
        }

        await LoadChartsAsync();
    }
}

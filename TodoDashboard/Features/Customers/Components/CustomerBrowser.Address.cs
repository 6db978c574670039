using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.AspNetCore.WebUtilities;
using TodoDashboard.Components;

namespace TodoDashboard.Features.Customers.Components;

/// <summary>
/// The list's state in the address, in the API's own parameters: a link, a refresh, Back and Forward all show the same
/// search, filters, sort, page size and page. History gets one entry per settled search, not one per keystroke.
/// </summary>
public sealed partial class CustomerBrowser
{
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    private AddressHistory? _history;

    private AddressHistory History => _history ??= new AddressHistory(Navigation);

    // What of the address could not be shown, for the notice above the list.
    private string? _addressNotice;

    /// <summary>Shows the state the address holds and answers the cursor of its page.</summary>
    /// <remarks>
    /// A link is read as the API reads it; only the bare address shows the page's default order, newest first. A link
    /// the API would refuse shows the defaults, with the reasons.
    /// </remarks>
    private string? ReadAddress()
    {
        var parameters = QueryHelpers.ParseQuery(Navigation.ToAbsoluteUri(Navigation.Uri).Query);
        var parsed = CustomerQueryParser.Parse(new QueryCollection(parameters));
        var query = parsed.IsValid ? parsed.Query : new CustomerQuery { Descending = true };
        (_search, _sort, _pageSize) = (query.Search, query.SortBy, query.PageSize);
        _descending = parameters.Count == 0 || query.Descending;
        _filters.Load(query);

        var shown = QueryHelpers.ParseQuery(CustomerQueryString.Format(CurrentQuery())).Keys;
        var leftOut = QueryHelpers.ParseQuery(CustomerQueryString.Format(query)).Keys.Except(shown).ToList();
        _addressNotice = !parsed.IsValid
            ? "This link's search could not be read, so the list shows the defaults. " + string.Join(" ", parsed.Errors.Values.SelectMany(m => m))
            : leftOut.Count > 0 ? $"This page has no field for {string.Join(", ", leftOut.Select(p => $"'{p}'"))}: the list does not filter by it."
            : null;
        return parsed.IsValid ? parsed.Cursor?.Encode() : null;
    }

    private void WriteAddress(string? cursor, bool typed)
    {
        _addressNotice = null;
        History.Write("customers" + CustomerQueryString.FormatPage(CurrentQuery(), cursor), typed);
    }

    private void OnLocationChanged(object? sender, LocationChangedEventArgs e)
    {
        var path = Navigation.ToBaseRelativePath(e.Location).Split('?', '#')[0];
        if (path.Equals("customers", StringComparison.OrdinalIgnoreCase) && History.Arrived(e.Location))
        {
            _ = InvokeAsync(RestoreAsync);
        }
    }

    private async Task RestoreAsync()
    {
        try
        {
            var cursor = ReadAddress();
            StateHasChanged();
            await QueryAsync(cursor);
            StateHasChanged();
        }
        catch (Exception ex)
        {
            await DispatchExceptionAsync(ex);
        }
    }
}

using Microsoft.AspNetCore.Components;

namespace TodoDashboard.Components;

/// <summary>
/// Writes a page's view (its search, filters, page) into the address so that a link, a refresh, Back and Forward show
/// it again, with one history entry per settled search rather than one per keystroke: the first keystroke of a burst
/// adds an entry, the next ones replace it, until the page says the search has settled (it ran). Any other change
/// adds an entry. One per component instance.
/// </summary>
public sealed class AddressHistory(NavigationManager navigation)
{
    // What this wrote, until the browser reports it back: the report comes later, after more keystrokes maybe, and
    // must not be taken for Back or a pasted link, which the page restores.
    private readonly HashSet<string> _written = [];
    private string? _current;
    private bool _typing;

    /// <summary>Shows <paramref name="relativeUri"/> in the address bar; <paramref name="typed"/> when it came from typing.</summary>
    public void Write(string relativeUri, bool typed)
    {
        var uri = navigation.ToAbsoluteUri(relativeUri).AbsoluteUri;
        var replace = typed && _typing;
        _typing = typed;
        if (Key(uri) == (_current ?? Key(navigation.Uri)))
        {
            return;
        }

        _current = Key(uri);
        _written.Add(_current);
        navigation.NavigateTo(uri, replace: replace);
    }

    /// <summary>The search typed ran: the next keystroke starts a new history entry.</summary>
    public void Settled() => _typing = false;

    /// <summary>
    /// Whether the page must show <paramref name="location"/> (Back, Forward, a link), false when this wrote it. It is
    /// the current address from then on.
    /// </summary>
    public bool Arrived(string location)
    {
        var key = Key(location);
        if (_written.Remove(key))
        {
            return false;
        }

        (_current, _typing) = (key, false);
        return true;
    }

    // The browser reports the address as it shows it, which may escape a character differently from what was written.
    private static string Key(string uri) => Uri.UnescapeDataString(new Uri(uri).PathAndQuery);
}

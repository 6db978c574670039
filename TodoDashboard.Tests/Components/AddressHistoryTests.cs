using Microsoft.AspNetCore.Components;
using TodoDashboard.Components;

namespace TodoDashboard.Tests.Components;

/// <summary>One history entry per settled search, and the page's own addresses told apart from Back and pasted links.</summary>
[Trait("Category", "Unit")]
public class AddressHistoryTests
{
    [Fact]
    public void Keystrokes_replace_one_entry_until_the_search_settles_then_the_next_search_adds_one()
    {
        var navigation = new RecordingNavigation();
        var history = new AddressHistory(navigation);

        history.Write("todos?search=m", typed: true);
        history.Write("todos?search=mi", typed: true);
        history.Write("todos?search=mil", typed: true);
        history.Settled();
        history.Write("todos?search=milk%20tea", typed: true);
        history.Write("todos?search=milk%20tea&filter=active", typed: false);

        Assert.Equal(
            [("todos?search=m", false), ("todos?search=mi", true), ("todos?search=mil", true), ("todos?search=milk%20tea", false),
                ("todos?search=milk%20tea&filter=active", false)],
            navigation.Navigations);
    }

    [Fact]
    public void Writing_the_address_already_shown_adds_no_entry()
    {
        var navigation = new RecordingNavigation();
        var history = new AddressHistory(navigation);

        history.Write("todos?search=milk", typed: false);
        history.Write("todos?search=milk", typed: false);
        history.Write("todos", typed: false);

        Assert.Equal([("todos?search=milk", false), ("todos", false)], navigation.Navigations);
    }

    [Fact]
    public void Its_own_addresses_arriving_late_are_not_restored_but_back_and_links_are()
    {
        var navigation = new RecordingNavigation();
        var history = new AddressHistory(navigation);

        history.Write("todos?search=a", typed: true);
        history.Write("todos?search=a%20b", typed: true);

        // The browser reports each address written, escaped its own way, after both were typed.
        Assert.False(history.Arrived("http://localhost/todos?search=a"));
        Assert.False(history.Arrived("http://localhost/todos?search=a b"));
        Assert.True(history.Arrived("http://localhost/todos"));
        Assert.True(history.Arrived("http://localhost/todos?search=pasted"));
    }

    [Fact]
    public void After_back_the_next_keystroke_adds_an_entry_instead_of_replacing_the_one_returned_to()
    {
        var navigation = new RecordingNavigation();
        var history = new AddressHistory(navigation);

        history.Write("todos?search=a", typed: true);
        Assert.True(history.Arrived("http://localhost/todos"));
        history.Write("todos?search=b", typed: true);

        Assert.Equal([("todos?search=a", false), ("todos?search=b", false)], navigation.Navigations);
    }

    /// <summary>Records navigations and, like the browser, reports none of them back by itself.</summary>
    private sealed class RecordingNavigation : NavigationManager
    {
        public RecordingNavigation() => Initialize("http://localhost/", "http://localhost/todos");

        public List<(string Uri, bool Replace)> Navigations { get; } = [];

        protected override void NavigateToCore(string uri, NavigationOptions options) =>
            Navigations.Add((ToBaseRelativePath(uri), options.ReplaceHistoryEntry));
    }
}

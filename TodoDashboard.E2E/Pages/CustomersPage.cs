namespace TodoDashboard.E2E.Pages;

/// <summary>The Customers panel at /customers: the search box, the filters, the list with its cursor pager and timing line, and the edit dialog.</summary>
public sealed class CustomersPage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = "Customers", Exact = true, Level = 1 });

    public ILocator SearchBox => page.GetByRole(AriaRole.Textbox, new() { Name = "Search customers", Exact = true });

    public ILocator Table => page.GetByTestId("customers-table");

    /// <summary>The customer id cell of every row on the page, in order.</summary>
    public ILocator CustomerIds => Table.GetByTestId("customer-id");

    /// <summary>MudTable shows a progress bar in its header while a query runs.</summary>
    public ILocator Loading => Table.GetByRole(AriaRole.Progressbar);

    public ILocator NextButton => page.GetByRole(AriaRole.Button, new() { Name = "Next", Exact = true });

    public ILocator PreviousButton => page.GetByRole(AriaRole.Button, new() { Name = "Previous", Exact = true });

    /// <summary>"12.3 ms · 2 queries · about 1,000 matches".</summary>
    public ILocator Timing => page.GetByTestId("customers-timing");

    public ILocator EmptyState => page.GetByTestId("customers-empty");

    public ILocator Dialog => page.GetByRole(AriaRole.Dialog);

    public ILocator Filter(string label) => page.GetByRole(AriaRole.Textbox, new() { Name = label, Exact = true });

    /// <summary>A column's sort button: named by its title, then its state ("Points, sorted by points ascending"; Chrome may put a space before the comma).</summary>
    public ILocator SortHeader(string title) =>
        Table.GetByRole(AriaRole.Button, new() { NameRegex = new Regex($@"^{Regex.Escape(title)}\W*sort") });

    /// <summary>What a link the page could not read left out, and why.</summary>
    public ILocator AddressNotice => page.GetByTestId("customers-address-notice");

    /// <summary>Opens the page at <paramref name="address"/> (the bare page, or a link to a search).</summary>
    public async Task GotoAsync(string address = "/customers")
    {
        await page.GotoAsync(address);
        await ExpectListedAsync();
    }

    /// <summary>Reloads the page, as the browser's reload button does.</summary>
    public async Task ReloadAsync()
    {
        await page.ReloadAsync();
        await ExpectListedAsync();
    }

    private async Task ExpectListedAsync()
    {
        await Expect(Heading).ToBeVisibleAsync();
        await page.WaitForCircuitAsync();

        // The interactive render runs the first query again.
        await Expect(Timing).ToContainTextAsync(" ms");
        await Expect(Loading).ToHaveCountAsync(0);
    }

    /// <summary>Types the search; the page runs it once typing pauses.</summary>
    public Task SearchAsync(string text) => SearchBox.FillAsync(text);

    /// <summary>Waits until the list shows exactly these customers, in this order, and no query is running.</summary>
    public async Task ExpectCustomersAsync(IEnumerable<string> customerIds)
    {
        await Expect(CustomerIds).ToHaveTextAsync(customerIds.Select(id => new Regex($"^{Regex.Escape(id)}$")));
        await Expect(Loading).ToHaveCountAsync(0);
    }

    public async Task OpenEditorAsync(string customerId)
    {
        await Table.GetByRole(AriaRole.Button, new() { Name = $"Edit {customerId}", Exact = true }).ClickAsync();
        await Expect(Dialog).ToBeVisibleAsync();
    }

    public async Task CancelEditorAsync()
    {
        await Dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel", Exact = true }).ClickAsync();
        await Expect(Dialog).ToHaveCountAsync(0);
    }
}

using System.Globalization;

namespace TodoDashboard.E2E.Pages;

/// <summary>
/// The Share prices panel at /shares: generating shares, the update form and its live progress, the results with their
/// chart of rows per second by strategy, the shares grid with each share's price history, and the latest changes.
/// </summary>
public sealed class SharesPage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = "Share prices", Exact = true });

    public ILocator GenerateCountField => page.GetByRole(AriaRole.Spinbutton, new() { Name = "Shares", Exact = true });

    public ILocator GenerateButton => page.GetByRole(AriaRole.Button, new() { Name = "Generate", Exact = true });

    public ILocator GenerateResult => page.GetByTestId("generate-result");

    /// <summary>MudSelect renders a div with the combobox role, named by its label, that opens a listbox of options in a popover.</summary>
    public ILocator StrategySelect => page.GetByRole(AriaRole.Combobox, new() { Name = "Strategy", Exact = true });

    public ILocator RunButton => page.GetByRole(AriaRole.Button, new() { Name = "Run update", Exact = true });

    /// <summary>One per active run: strategy, change, "done / total" and status over a progress bar.</summary>
    public ILocator RunProgress => page.GetByTestId("run-progress");

    public ILocator ResultsTable => page.GetByTestId("results-table");

    public ILocator ResultsEmpty => page.GetByTestId("results-empty");

    /// <summary>The finished runs, newest first; only run rows carry a status chip.</summary>
    public ILocator ResultRows => ResultsTable.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByTestId("result-status") });

    /// <summary>"Fastest on add · 10,000 shares: bulk, …": the fastest strategy among comparable runs.</summary>
    public ILocator Fastest => page.GetByTestId("results-fastest");

    /// <summary>Rows per second by strategy, named by its caption.</summary>
    public ILocator StrategyRatesChart => page.GetByRole(AriaRole.Img, new() { NameRegex = new("^Rows per second by strategy") });

    public ILocator SharesGrid => page.GetByTestId("shares-grid");

    public ILocator HistoryDialog => page.GetByRole(AriaRole.Dialog);

    /// <summary>The line chart in the open price history, named by its caption.</summary>
    public ILocator PriceHistoryChart => HistoryDialog.GetByTestId("price-history-chart");

    public ILocator PriceHistorySummary => HistoryDialog.GetByTestId("price-history-summary");

    public ILocator SharesEmpty => page.GetByTestId("shares-empty");

    public ILocator LatestChanges => page.GetByTestId("latest-changes");

    /// <summary>The rows of "Latest price changes", which start with a share's name.</summary>
    public ILocator LatestChangeRows =>
        LatestChanges.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Cell, new() { NameRegex = new("^Share \\d+$") }) });

    /// <summary>
    /// The price of the share named exactly <paramref name="name"/>, if it is on the grid's current page. The grid opens
    /// sorted by id, so after generating shares "Share 1" is its first row until someone sorts or pages.
    /// </summary>
    public ILocator Price(string name) =>
        SharesGrid.GetByRole(AriaRole.Row)
            .Filter(new() { Has = page.GetByRole(AriaRole.Cell, new() { Name = name, Exact = true }) })
            .GetByTestId("share-price");

    /// <summary>Opens the price history of a share on the grid's current page.</summary>
    public async Task OpenHistoryAsync(string name)
    {
        await SharesGrid.GetByRole(AriaRole.Button, new() { Name = $"Price history of {name}", Exact = true }).ClickAsync();
        await Expect(HistoryDialog).ToBeVisibleAsync();
    }

    public async Task CloseHistoryAsync()
    {
        await HistoryDialog.GetByRole(AriaRole.Button, new() { Name = "Close", Exact = true }).Last.ClickAsync();
        await Expect(HistoryDialog).ToHaveCountAsync(0);
    }

    public async Task GotoAsync()
    {
        await page.GotoAsync("/shares");
        await Expect(Heading).ToBeVisibleAsync();
        await page.WaitForCircuitAsync();

        // The interactive render reads the runs, the grid and the changes again, showing loading bars meanwhile.
        await Expect(page.GetByRole(AriaRole.Progressbar, new() { Name = "Loading runs", Exact = true })).ToHaveCountAsync(0);
        await Expect(SharesGrid.GetByRole(AriaRole.Progressbar)).ToHaveCountAsync(0);
        await Expect(LatestChanges.GetByRole(AriaRole.Progressbar)).ToHaveCountAsync(0);
    }

    public async Task GenerateAsync(int count)
    {
        // The field commits its value on change, which fires when it loses focus.
        await GenerateCountField.FillAsync(count.ToString(CultureInfo.InvariantCulture));
        await GenerateCountField.BlurAsync();
        await GenerateButton.ClickAsync();
        await Expect(GenerateResult).ToBeVisibleAsync();
    }

    public async Task ChooseStrategyAsync(string strategy)
    {
        await StrategySelect.ClickAsync();
        await page.GetByRole(AriaRole.Listbox).GetByRole(AriaRole.Option, new() { Name = strategy, Exact = true }).ClickAsync();
        await Expect(StrategySelect).ToHaveTextAsync(strategy);
        await Expect(StrategySelect).ToHaveAttributeAsync("aria-expanded", "false");
    }

    /// <summary>Starts a run of the chosen strategy with the form's default change, +1 on every price.</summary>
    public async Task StartUpdateAsync(string strategy)
    {
        await ChooseStrategyAsync(strategy);
        await RunButton.ClickAsync();
    }

    /// <summary>Waits until <paramref name="count"/> runs are finished; a row-by-row run over thousands of shares takes a while on a busy machine.</summary>
    public Task ExpectFinishedRunsAsync(int count) =>
        Expect(ResultRows).ToHaveCountAsync(count, new() { Timeout = 120_000 });
}

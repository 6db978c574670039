namespace TodoDashboard.E2E.Pages;

/// <summary>
/// The operations page at /operations (the charts, the Cluster card, the filters, the table of runs with "Load more") and a run's detail
/// at /operations/{id} (progress, figures, actions, attempts and log).
/// </summary>
public sealed class OperationsPage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = "Operations", Exact = true, Level = 1 });

    public ILocator Loading => page.GetByRole(AriaRole.Progressbar, new() { Name = "Loading runs", Exact = true });

    public ILocator Table => page.GetByTestId("runs-table");

    public ILocator EmptyState => page.GetByTestId("runs-empty");

    /// <summary>The listed runs, newest first; only run rows carry a link to the run.</summary>
    public ILocator Rows => Table.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByTestId("run-link") });

    public ILocator Row(string title, Guid id) => Rows.Filter(new() { Has = RunLink(title, id) });

    /// <summary>A run's link, named by its kind's title and the last eight digits of its id ("Job 1a2b3c4d").</summary>
    public ILocator RunLink(string title, Guid id) => page.GetByRole(AriaRole.Link, new() { Name = $"{title} {ShortId(id)}", Exact = true });

    public ILocator ThroughputChart => page.GetByRole(AriaRole.Img, new() { NameRegex = new("finished in the last hour") });

    public ILocator ThroughputSummary => page.GetByTestId("throughput-summary");

    public ILocator RatesSummary => page.GetByTestId("rates-summary");

    /// <summary>MudSelect renders a div with the combobox role, named by its label, that opens a listbox of options in a popover.</summary>
    public ILocator Filter(string label) => page.GetByRole(AriaRole.Combobox, new() { Name = label, Exact = true });

    public ILocator LoadMoreButton => page.GetByRole(AriaRole.Button, new() { Name = "Load more", Exact = true });

    // The Cluster card.
    public ILocator ClusterHeading => page.GetByRole(AriaRole.Heading, new() { Name = "Cluster", Exact = true, Level = 2 });

    public ILocator ClusterTable => page.GetByTestId("cluster-table");

    public ILocator ClusterSummary => page.GetByTestId("cluster-summary");

    public ILocator ClusterNeedsRole => page.GetByTestId("cluster-needs-role");

    public ILocator ClusterError => page.GetByTestId("cluster-error");

    /// <summary>The instance serving this page: the row marked "this page".</summary>
    public ILocator ThisInstance => ClusterTable.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByTestId("cluster-this-page") });

    public ILocator ClusterRunLink(string title, Guid id) =>
        ThisInstance.GetByRole(AriaRole.Link, new() { Name = $"{title} {ShortId(id)}", Exact = true });

    // The detail page.
    public ILocator DetailHeading(string title, Guid id) => page.GetByRole(AriaRole.Heading, new() { Name = $"{title} {ShortId(id)}", Exact = true, Level = 1 });

    public ILocator DetailState => page.GetByTestId("run-header").GetByTestId("run-state");

    public ILocator DetailPercent => page.GetByTestId("run-percent");

    public ILocator DetailEta => page.GetByTestId("run-eta");

    public ILocator DetailNode => page.GetByTestId("run-figure-node");

    public ILocator DetailSubtitle => page.GetByTestId("run-subtitle");

    public ILocator CancelButton => page.GetByRole(AriaRole.Button, new() { Name = "Cancel run", Exact = true });

    public ILocator RetryButton => page.GetByRole(AriaRole.Button, new() { Name = "Retry run", Exact = true });

    public ILocator ResumeButton => page.GetByRole(AriaRole.Button, new() { Name = "Resume run", Exact = true });

    public ILocator LogLines => page.GetByTestId("run-log-line");

    public ILocator AttemptRows => page.GetByTestId("run-attempts").GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByTestId("attempt-node") });

    public ILocator NotFound => page.GetByTestId("run-not-found");

    public static string ShortId(Guid id) => id.ToString("N")[^8..];

    /// <summary>Opens /operations (with a query string, if given) and waits for the interactive render's list.</summary>
    public async Task GotoAsync(string query = "")
    {
        await page.GotoAsync($"/operations{query}");
        await Expect(Heading).ToBeVisibleAsync();
        await page.WaitForCircuitAsync();
        await Expect(Loading).ToHaveCountAsync(0);
    }

    public async Task GotoRunAsync(string title, Guid id)
    {
        await page.GotoAsync($"/operations/{id}");
        await Expect(DetailHeading(title, id)).ToBeVisibleAsync();
        await page.WaitForCircuitAsync();
    }

    public async Task ChooseAsync(string filter, string option)
    {
        await Filter(filter).ClickAsync();
        await page.GetByRole(AriaRole.Listbox).GetByRole(AriaRole.Option, new() { Name = option, Exact = true }).ClickAsync();
        await Expect(Filter(filter)).ToHaveTextAsync(option);
        await Expect(Filter(filter)).ToHaveAttributeAsync("aria-expanded", "false");
    }

    /// <summary>The run the detail page shows, from its URL.</summary>
    public Guid ShownRunId() => Guid.Parse(new Uri(page.Url).Segments[^1]);
}

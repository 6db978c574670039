namespace TodoDashboard.E2E.Pages;

/// <summary>The Todos panel at /todos: the add form, the filtered table, the edit and delete dialogs, and the stats comparison.</summary>
public sealed class TodosPage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = "Todos", Exact = true });

    public ILocator EmptyState => page.GetByTestId("todos-empty");

    public ILocator Dialog => page.GetByRole(AriaRole.Dialog);

    public ILocator SameResultsChip => page.GetByTestId("stats-same");

    public ILocator StatsVerdict => page.GetByTestId("stats-verdict");

    /// <summary>The bar chart of the comparison, named by its verdict.</summary>
    public ILocator StatsChart => page.GetByTestId("stats-chart-figure");

    public ILocator StaleStatsNotice => page.GetByTestId("stats-stale");

    public ILocator RunsOfEach => page.GetByLabel("Runs of each");

    /// <summary>"Run all three ×N": its label says how many runs of each mode it makes.</summary>
    public ILocator RunAllButton => page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex(@"^Run all three ×\d+$") });

    /// <summary>The table row that shows a todo with exactly this title.</summary>
    public ILocator Row(string title) =>
        page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByText(title, new() { Exact = true }) });

    /// <summary>The row's MudCheckBox: its aria-label lands on the (transparent, on-top) native input.</summary>
    public ILocator DoneCheckbox(string title, bool done = false) =>
        page.GetByRole(AriaRole.Checkbox, new() { Name = $"Mark {title} as {(done ? "not done" : "done")}", Exact = true });

    public async Task GotoAsync()
    {
        await page.GotoAsync("/todos");
        await Expect(Heading).ToBeVisibleAsync();
        await page.WaitForCircuitAsync();
    }

    /// <summary>Reloads the page, as the browser's reload button does.</summary>
    public async Task ReloadAsync()
    {
        await page.ReloadAsync();
        await Expect(Heading).ToBeVisibleAsync();
        await page.WaitForCircuitAsync();
    }

    public async Task AddAsync(string title)
    {
        await page.GetByLabel("Title", new() { Exact = true }).FillAsync(title);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add todo" }).ClickAsync();
        await Expect(Row(title)).ToBeVisibleAsync();
    }

    public async Task MarkDoneAsync(string title)
    {
        // A click, not CheckAsync: checking renames the box ("… as not done"), and CheckAsync's own check of the new
        // state looks for the box by its old name (CI once waited out its 30 s timeout there, after "click action done").
        // The renamed box, checked, is what says it worked.
        await DoneCheckbox(title).ClickAsync();
        await Expect(DoneCheckbox(title, done: true)).ToBeCheckedAsync();
    }

    /// <summary>All, Active or Completed: one radio button of the filter's radio group.</summary>
    public ILocator FilterRadio(string filter) =>
        page.GetByRole(AriaRole.Radiogroup, new() { Name = "Filter todos" }).GetByRole(AriaRole.Radio, new() { Name = filter, Exact = true });

    public ILocator SearchBox => page.GetByRole(AriaRole.Textbox, new() { Name = "Search titles", Exact = true });

    public ILocator ExportLink => page.GetByTestId("todos-export");

    /// <summary>The titles of the rows shown, in order.</summary>
    public ILocator Titles => page.Locator("tbody td[data-label=Title] p:first-child");

    /// <summary>Picks All, Active or Completed.</summary>
    public async Task ShowAsync(string filter)
    {
        await FilterRadio(filter).CheckAsync();
        await Expect(FilterRadio(filter)).ToBeCheckedAsync();
    }

    /// <summary>Types the search; the page runs it once typing pauses.</summary>
    public Task SearchAsync(string text) => SearchBox.FillAsync(text);

    public async Task EditTitleAsync(string title, string newTitle)
    {
        await Row(title).GetByRole(AriaRole.Button, new() { Name = $"Edit {title}", Exact = true }).ClickAsync();
        await Dialog.GetByLabel("Title", new() { Exact = true }).FillAsync(newTitle);
        await Dialog.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Expect(Dialog).ToHaveCountAsync(0);
        await Expect(Row(newTitle)).ToBeVisibleAsync();
    }

    public async Task DeleteAsync(string title)
    {
        await Row(title).GetByRole(AriaRole.Button, new() { Name = $"Delete {title}", Exact = true }).ClickAsync();
        await Dialog.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
        await Expect(Dialog).ToHaveCountAsync(0);
        await Expect(Row(title)).ToHaveCountAsync(0);
    }

    /// <summary>Runs the three stats modes <paramref name="runs"/> times each (or as many as the field says) and waits for the verdict.</summary>
    public async Task RunStatsAsync(int? runs = null)
    {
        if (runs is { } count)
        {
            await RunsOfEach.FillAsync(count.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await RunsOfEach.BlurAsync();
            await Expect(RunAllButton).ToHaveTextAsync($"Run all three ×{count}");
        }

        await RunAllButton.ClickAsync();
        await Expect(RunAllButton).ToBeEnabledAsync();
        await Expect(StatsVerdict).ToBeVisibleAsync();
    }
}

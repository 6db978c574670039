using System.Globalization;

namespace TodoDashboard.E2E.Pages;

/// <summary>The Three databases panel at /multidb: the run buttons, the custom batch editor, the run's summary and per-database tables, and past runs.</summary>
public sealed class MultiDbPage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = "Three databases, inserted concurrently", Exact = true });

    public ILocator RunDefaultButton => page.GetByRole(AriaRole.Button, new() { Name = "Run default dataset", Exact = true });

    public ILocator CustomBatchButton => page.GetByRole(AriaRole.Button, new() { Name = "Custom batch", Exact = true });

    public ILocator BatchField => page.GetByRole(AriaRole.Textbox, new() { Name = "Batch (JSON)", Exact = true });

    public ILocator RunCustomButton => page.GetByRole(AriaRole.Button, new() { Name = "Run custom batch", Exact = true });

    public ILocator Running => page.GetByRole(AriaRole.Progressbar, new() { Name = "Inserting", Exact = true });

    public ILocator Error => page.GetByRole(AriaRole.Alert);

    public ILocator RunSummary => page.GetByTestId("run-summary");

    /// <summary>"Users 9 / 1": inserted / rejected or failed.</summary>
    public ILocator Summary(string table) => page.GetByTestId($"summary-{table.ToLowerInvariant()}");

    public ILocator Elapsed => page.GetByTestId("run-elapsed");

    public ILocator Results(string table) => page.GetByTestId($"results-{table.ToLowerInvariant()}");

    /// <summary>A row of one database's results table, by the batch row number in its first cell.</summary>
    public ILocator ResultRow(string table, int row) =>
        Results(table).GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Cell, new() { Name = $"{row}", Exact = true }) });

    public ILocator ScaleRowsField => page.GetByLabel("Rows per table", new() { Exact = true });

    public ILocator RunAtScaleButton => page.GetByRole(AriaRole.Button, new() { Name = "Run at scale", Exact = true });

    /// <summary>The shown scale run's state: Queued, Running, Succeeded...</summary>
    public ILocator ScaleState => page.GetByTestId("scale-state");

    public ILocator ScaleSummary => page.GetByTestId("scale-summary");

    /// <summary>One database's row of a scale run's figures: inserted, not inserted, insert time, rows/s.</summary>
    public ILocator ScaleFigures(string table) => ScaleSummary.GetByTestId($"scale-{table.ToLowerInvariant()}");

    /// <summary>The scale run's wall time against its databases' summed insert times.</summary>
    public ILocator ScaleGain => page.GetByTestId("scale-gain");

    public ILocator Timeline => page.GetByTestId("timeline");

    /// <summary>The timeline's legend: each database by name, beside its colour.</summary>
    public ILocator TimelineLegend => Timeline.GetByRole(AriaRole.List, new() { Name = "Legend", Exact = true });

    /// <summary>The timeline's lanes as one image, named by what each lane holds.</summary>
    public ILocator TimelineChart => Timeline.GetByRole(AriaRole.Img, new() { NameRegex = new("^Timeline of ") });

    /// <summary>One database's row of the timeline's table: its name, inserts, first start and last end.</summary>
    public ILocator TimelineLane(string table) => Timeline.GetByTestId($"lane-{table.ToLowerInvariant()}");

    public ILocator PastRuns => page.GetByTestId("past-runs");

    /// <summary>The past runs, newest first; each starts with when it ran.</summary>
    public ILocator PastRunRows =>
        PastRuns.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Cell, new() { NameRegex = new(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$") }) });

    public async Task GotoAsync()
    {
        await page.GotoAsync("/multidb");
        await Expect(Heading).ToBeVisibleAsync();
        await page.WaitForCircuitAsync();

        // The interactive render reads the past runs again, showing a loading bar instead of them meanwhile.
        await Expect(PastRuns.GetByRole(AriaRole.Progressbar)).ToHaveCountAsync(0);
    }

    public Task RunDefaultAsync() => RunAsync(RunDefaultButton);

    /// <summary>Starts a scale run of <paramref name="rows"/> rows per database; it goes on in the background.</summary>
    public async Task RunAtScaleAsync(int rows)
    {
        // The field commits its value on change, which fires when it loses focus.
        await ScaleRowsField.FillAsync(rows.ToString(CultureInfo.InvariantCulture));
        await ScaleRowsField.BlurAsync();
        await RunAtScaleButton.ClickAsync();
        await Expect(ScaleSummary).ToBeVisibleAsync();
    }

    /// <summary>Opens the editor if it is closed, replaces the batch and runs it.</summary>
    public async Task RunCustomAsync(string json)
    {
        if (!await BatchField.IsVisibleAsync())
        {
            await CustomBatchButton.ClickAsync();
        }

        // The field commits its value on change, which fires when it loses focus.
        await BatchField.FillAsync(json);
        await BatchField.BlurAsync();
        await RunAsync(RunCustomButton);
    }

    // The run inserts while the button's handler awaits it; it is over when the past runs table has one row more.
    private async Task RunAsync(ILocator button)
    {
        var before = await PastRunRows.CountAsync();
        await button.ClickAsync();
        await Expect(PastRunRows).ToHaveCountAsync(before + 1);
        await Expect(Running).ToHaveCountAsync(0);
    }
}

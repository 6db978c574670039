namespace TodoDashboard.E2E.Pages;

/// <summary>The Jobs panel at /jobs: the start form, the progress card of the active (or latest) job, and the "Your jobs" table.</summary>
public sealed class JobsPage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = "Long-running jobs", Exact = true });

    /// <summary>MudNumericField's label is a &lt;label for&gt; on its input, which has the spinbutton role.</summary>
    public ILocator ItemsField => page.GetByRole(AriaRole.Spinbutton, new() { Name = "Items", Exact = true });

    public ILocator StartButton => page.GetByRole(AriaRole.Button, new() { Name = "Start job", Exact = true });

    public ILocator CancelButton => page.GetByRole(AriaRole.Button, new() { Name = "Cancel job", Exact = true });

    public ILocator Loading => page.GetByRole(AriaRole.Progressbar, new() { Name = "Loading jobs", Exact = true });

    public ILocator EmptyState => page.GetByTestId("jobs-empty");

    public ILocator ProgressCard => page.GetByTestId("job-progress");

    public ILocator ProgressBar => ProgressCard.GetByRole(AriaRole.Progressbar, new() { Name = "Job progress", Exact = true });

    public ILocator Percent => ProgressCard.GetByTestId("job-percent");

    /// <summary>"done / total", e.g. "2 / 5".</summary>
    public ILocator Done => ProgressCard.GetByTestId("job-done");

    public ILocator Status => ProgressCard.GetByTestId("job-status");

    /// <summary>The rows of the "Your jobs" table, newest first; only job rows carry a status chip.</summary>
    public ILocator HistoryRows =>
        page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByTestId("job-status") });

    public async Task GotoAsync()
    {
        await page.GotoAsync("/jobs");
        await Expect(Heading).ToBeVisibleAsync();
        await page.WaitForCircuitAsync();

        // The interactive render reads the list again, showing a loading bar instead of the table meanwhile.
        await Expect(Loading).ToHaveCountAsync(0);
    }

    /// <summary>Starts a job of <paramref name="items"/> items and waits until its row is in the table and its card shows it.</summary>
    public async Task StartAsync(int items)
    {
        // Until the new row is there, the card may still show the previous job.
        var before = await HistoryRows.CountAsync();

        // The field commits its value on change, which fires when it loses focus.
        await ItemsField.FillAsync(items.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await ItemsField.BlurAsync();
        await StartButton.ClickAsync();
        await Expect(HistoryRows).ToHaveCountAsync(before + 1);
        await Expect(Done).ToHaveTextAsync(new Regex($@"^\d+ / {items}$"));
    }
}

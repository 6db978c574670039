using System.Globalization;
using TodoDashboard.E2E.Pages;

namespace TodoDashboard.E2E.Features.Operations;

/// <summary>The operations page's Cluster card, in a browser: this instance, its circuits (this page's among them) and what it runs.</summary>
public sealed class ClusterCardTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task An_admin_sees_this_instance_alive_with_this_pages_circuit_and_a_run_appears_under_it_live()
    {
        var page = await app.NewPageAsync(signedIn: true);
        var operations = new OperationsPage(page);

        await operations.GotoAsync();
        await page.MarkDocumentAsync();

        await Expect(operations.ClusterHeading).ToBeVisibleAsync();
        await Expect(operations.ThisInstance).ToHaveCountAsync(1);
        await Expect(operations.ThisInstance.GetByTestId("cluster-state")).ToHaveTextAsync("Alive");
        await Expect(operations.ThisInstance.GetByTestId("cluster-host")).ToContainTextAsync("pid");
        await Expect(operations.ThisInstance.GetByTestId("cluster-circuits")).ToHaveTextAsync(new Regex(@"^\s*[1-9]\d*\s*$"));
        Assert.True(int.Parse(await operations.ThisInstance.GetByTestId("cluster-circuits").InnerTextAsync(), CultureInfo.InvariantCulture) >= 1);
        await Expect(operations.ClusterSummary).ToHaveTextAsync(new Regex(@"^[1-9]\d* instances?, [1-9]\d* alive$"));
        await Expect(operations.ClusterError).ToHaveCountAsync(0);

        // The same count, as the metric an Admin scrapes: this page's circuit is connected. The exporter serves a
        // scrape cached for a moment, which may predate the circuit's connection, so it is read until it counts it.
        Assert.True(await ConnectedCircuitsAsync(page) >= 1, "todo_dashboard_circuits_live{connection=\"up\"} never counted this page's circuit.");

        // A run started now shows under the instance running it (the only one) without a reload: over the circuit.
        var job = await page.APIRequest.PostAsync("/api/jobs", new() { DataObject = new { items = 1000 }, Headers = app.SameOriginHeaders });
        Assert.True(job.Ok, $"POST /api/jobs returned {job.Status}");
        var id = (await job.JsonAsync())!.Value.GetProperty("id").GetGuid();
        await Expect(operations.ClusterRunLink("Job", id)).ToBeVisibleAsync();
        await page.ExpectSameDocumentAsync();
        await app.ScreenshotAsync(page, "ops-cluster-light-1366");

        await operations.ClusterRunLink("Job", id).ClickAsync();
        await Expect(operations.DetailHeading("Job", id)).ToBeVisibleAsync();
        await operations.CancelButton.ClickAsync();
        await Expect(operations.DetailState).ToHaveTextAsync("Cancelled");
    }

    // The up gauge in /metrics, read again (for up to 10 s) while it is below one.
    private static async Task<int> ConnectedCircuitsAsync(IPage page)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var metrics = await (await page.APIRequest.GetAsync("/metrics")).TextAsync();
            var up = Regex.Match(metrics, @"^todo_dashboard_circuits_live\{[^}]*connection=""up""[^}]*\} (\d+)", RegexOptions.Multiline);
            Assert.True(up.Success, "No todo_dashboard_circuits_live{connection=\"up\"} in /metrics.");
            var connected = int.Parse(up.Groups[1].Value, CultureInfo.InvariantCulture);
            if (connected >= 1 || DateTime.UtcNow > deadline)
            {
                return connected;
            }

            await Task.Delay(250);
        }
    }

    [Theory]
    [InlineData(1366, ColorScheme.Dark, "ops-cluster-dark-1366")]
    [InlineData(390, ColorScheme.Light, "ops-cluster-light-390")]
    [InlineData(390, ColorScheme.Dark, "ops-cluster-dark-390")]
    public async Task The_card_reads_at_a_laptops_and_a_phones_width_in_either_scheme(int width, ColorScheme scheme, string screenshot)
    {
        var page = await app.NewPageAsync(signedIn: true, width: width, colorScheme: scheme);
        var operations = new OperationsPage(page);

        await operations.GotoAsync();

        await Expect(operations.ThisInstance.GetByTestId("cluster-state")).ToHaveTextAsync("Alive");
        await Expect(operations.ThisInstance.GetByTestId("cluster-circuits")).ToHaveTextAsync(new Regex(@"^\s*[1-9]\d*\s*$"));
        await app.ScreenshotAsync(page, screenshot);
    }

    [Fact]
    public async Task A_member_is_told_the_cluster_is_for_operators_and_sees_no_instance()
    {
        var (page, _) = await app.NewMemberPageAsync();
        var operations = new OperationsPage(page);

        await operations.GotoAsync();

        await Expect(operations.ClusterNeedsRole).ToContainTextAsync("shown to Operators and Admins");
        await Expect(operations.ClusterTable).ToHaveCountAsync(0);
    }
}

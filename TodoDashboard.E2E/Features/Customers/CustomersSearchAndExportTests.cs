using TodoDashboard.E2E.Pages;

namespace TodoDashboard.E2E.Features.Customers;

/// <summary>Search as you type (the last word matches as a prefix), and the export of a search read back against the grid.</summary>
public sealed class CustomersSearchAndExportTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly string[] FirstNames = ["Maria", "Marco", "Mark", "Marta", "Marlene", "Anna"];

    [Fact]
    public async Task Typing_shows_matches_from_the_first_letters_and_the_export_holds_exactly_the_grids_rows()
    {
        var page = await app.NewPageAsync(signedIn: true);
        var customers = new CustomersPage(page);
        for (var i = 1; i <= 30; i++)
        {
            var response = await page.APIRequest.PostAsync("/api/customers", new()
            {
                DataObject = new { firstName = FirstName(i), lastName = $"Typed{i:D2}", customerId = CustomerId(i), gender = "female" },
                Headers = app.SameOriginHeaders,
            });
            Assert.True(response.Ok, $"POST /api/customers returned {response.Status}: {await response.TextAsync()}");
        }

        var newestFirst = Enumerable.Range(1, 30).Reverse().ToList();
        await customers.GotoAsync();

        // Key by key, as a user types: "Mar" already lists every Mar…, and "Mari" narrows it to the Marias.
        await customers.SearchBox.PressSequentiallyAsync("Mar", new() { Delay = 120 });
        var mar = newestFirst.Where(i => FirstName(i).StartsWith("Mar", StringComparison.Ordinal)).ToList();
        await customers.ExpectCustomersAsync(mar.Take(20).Select(CustomerId));
        await Expect(customers.NextButton).ToBeEnabledAsync();
        await app.ScreenshotAsync(page, "customers-typed-mar");
        await customers.SearchBox.PressSequentiallyAsync("i", new() { Delay = 120 });
        await customers.ExpectCustomersAsync(newestFirst.Where(i => FirstName(i) == "Maria").Select(CustomerId));

        // The export of "mar" is the whole result in the grid's order, both of its pages.
        await customers.SearchAsync("mar");
        await customers.ExpectCustomersAsync(mar.Take(20).Select(CustomerId));
        var grid = (await customers.CustomerIds.AllInnerTextsAsync()).ToList();
        await customers.NextButton.ClickAsync();
        await customers.ExpectCustomersAsync(mar.Skip(20).Select(CustomerId));
        grid.AddRange(await customers.CustomerIds.AllInnerTextsAsync());

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("customers-export").ClickAsync());
        Assert.Equal("customers.csv", download.SuggestedFilename);
        var lines = (await File.ReadAllLinesAsync(await download.PathAsync())).Where(line => line.Length > 0).ToList();
        Assert.StartsWith("id,customer_id,first_name,last_name", lines[0], StringComparison.Ordinal);
        Assert.Equal(grid, lines.Skip(1).Select(line => line.Split(',')[1]));
        Assert.Equal(mar.Select(CustomerId), grid);
    }

    private static string CustomerId(int i) => $"TYPE-{i:D3}";

    private static string FirstName(int i) => FirstNames[(i - 1) % FirstNames.Length];
}

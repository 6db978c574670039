using TodoDashboard.E2E.Pages;

namespace TodoDashboard.E2E.Features.MultiDatabase;

public sealed class MultiDbPageTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly Regex When = new(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$");
    private static readonly Regex Time = new(@"^\d+\.\d ms$");

    [Fact]
    public async Task The_default_dataset_inserts_nine_of_ten_users_and_products_and_seven_of_ten_orders_explaining_every_rejection()
    {
        var page = await app.NewPageAsync(signedIn: true);
        var multiDb = new MultiDbPage(page);

        await multiDb.GotoAsync();
        // The class's other test may have run first (xunit orders a class's tests by a hash of their names).
        var before = await multiDb.PastRunRows.CountAsync();
        await Expect(multiDb.RunSummary).ToHaveCountAsync(0);

        await page.MarkDocumentAsync();
        await multiDb.RunDefaultAsync();
        await Expect(multiDb.Summary("Users")).ToHaveTextAsync("Users 9 / 1");
        await Expect(multiDb.Summary("Products")).ToHaveTextAsync("Products 9 / 1");
        await Expect(multiDb.Summary("Orders")).ToHaveTextAsync("Orders 7 / 3");
        await Expect(multiDb.Elapsed).ToHaveTextAsync(new Regex(@"^\d+\.\d ms$"));
        await page.ExpectSameDocumentAsync();

        await Expect(multiDb.Results("Users").GetByTestId("inserted")).ToHaveTextAsync("9 inserted");
        await Expect(multiDb.Results("Users").GetByTestId("rejected")).ToHaveTextAsync("1 rejected");
        await Expect(multiDb.ResultRow("Users", 10)).ToContainTextAsync("Name is required.");
        await Expect(multiDb.ResultRow("Products", 10)).ToContainTextAsync("Price must be greater than 0 (got -50).");
        await Expect(multiDb.ResultRow("Orders", 1).GetByRole(AriaRole.Img, new() { Name = "Inserted" })).ToBeVisibleAsync();
        await Expect(multiDb.ResultRow("Orders", 8)).ToContainTextAsync("Quantity must be greater than 0 (got 0).");
        await Expect(multiDb.ResultRow("Orders", 10).GetByRole(AriaRole.Img, new() { Name = "Rejected" })).ToBeVisibleAsync();
        await Expect(multiDb.ResultRow("Orders", 10)).ToContainTextAsync("User row 10 was rejected");
        await Expect(multiDb.ResultRow("Orders", 10)).ToContainTextAsync("Product row 11 does not exist in this batch.");

        await Expect(multiDb.PastRunRows).ToHaveCountAsync(before + 1);
        await Expect(multiDb.PastRunRows.First.GetByRole(AriaRole.Cell))
            .ToHaveTextAsync([When, new("^default$"), new("^user-[0-9a-f]{32}$"), new("^9 / 1$"), new("^9 / 1$"), new("^7 / 3$"), Time]);
        await app.ScreenshotAsync(page, "multidb-default");
    }

    [Fact]
    public async Task A_custom_batch_from_the_editor_reports_its_own_rows_and_joins_the_past_runs()
    {
        var page = await app.NewPageAsync(signedIn: true);
        var multiDb = new MultiDbPage(page);
        await multiDb.GotoAsync();
        var before = await multiDb.PastRunRows.CountAsync();

        await multiDb.RunCustomAsync("""
            {
              "users": [{ "name": "Zoe", "email": "zoe@example.com" }, { "name": "Yann", "email": "yann@example" }],
              "products": [{ "name": "Desk", "price": 120 }],
              "orders": [{ "userRow": 1, "productRow": 1, "quantity": 2 }, { "userRow": 2, "productRow": 1, "quantity": 1 }]
            }
            """);
        await Expect(multiDb.Summary("Users")).ToHaveTextAsync("Users 1 / 1");
        await Expect(multiDb.Summary("Products")).ToHaveTextAsync("Products 1 / 0");
        await Expect(multiDb.Summary("Orders")).ToHaveTextAsync("Orders 1 / 1");
        await Expect(multiDb.ResultRow("Users", 2)).ToContainTextAsync("Email 'yann@example' is not a valid address.");
        await Expect(multiDb.ResultRow("Orders", 2)).ToContainTextAsync("User row 2 was rejected, so the order cannot reference it.");
        await Expect(multiDb.PastRunRows).ToHaveCountAsync(before + 1);
        await Expect(multiDb.PastRunRows.First.GetByRole(AriaRole.Cell).Nth(1)).ToHaveTextAsync("custom");

        // The timeline: a lane and a legend entry per database, and in words what each lane holds.
        await Expect(multiDb.TimelineLegend.GetByRole(AriaRole.Listitem)).ToHaveTextAsync(["Users", "Products", "Orders"]);
        await Expect(multiDb.TimelineChart).ToHaveAttributeAsync("aria-label", new Regex(
            @"^Timeline of 3 inserts over [\d.]+ ms\. Users: 1 insert from [\d.]+ to [\d.]+ ms\. Products: 1 insert from [\d.]+ to [\d.]+ ms\. Orders: 1 insert from [\d.]+ to [\d.]+ ms\.$"));
        await Expect(multiDb.TimelineLane("Orders").GetByRole(AriaRole.Cell)).ToHaveTextAsync([new Regex("^1$"), new Regex(@"^[\d.]+$"), new Regex(@"^[\d.]+$")]);
        await app.ScreenshotAsync(page, "multidb-custom-timeline");
        await page.SetViewportSizeAsync(390, 844);
        await app.ScreenshotAsync(page, "multidb-custom-timeline-390");
        await page.SetViewportSizeAsync(1366, 900);

        // A batch that is not JSON is refused before anything is inserted.
        await multiDb.BatchField.FillAsync("{ not json");
        await multiDb.BatchField.BlurAsync();
        await multiDb.RunCustomButton.ClickAsync();
        await Expect(multiDb.Error).ToContainTextAsync("The batch is not valid JSON");
        await Expect(multiDb.PastRunRows).ToHaveCountAsync(before + 1);
    }

    [Fact]
    public async Task A_run_at_scale_shows_each_databases_rows_time_and_rate_instead_of_row_tables()
    {
        var page = await app.NewPageAsync(signedIn: true);
        var multiDb = new MultiDbPage(page);
        await multiDb.GotoAsync();

        await multiDb.RunAtScaleAsync(30);
        await Expect(multiDb.ScaleState).ToHaveTextAsync("Succeeded", new() { Timeout = 60_000 });
        await Expect(multiDb.Summary("Users")).ToHaveTextAsync("Users 30 / 0");
        foreach (var table in new[] { "Users", "Products", "Orders" })
        {
            await Expect(multiDb.ScaleFigures(table).GetByRole(AriaRole.Cell))
                .ToHaveTextAsync([new Regex("^30$"), new Regex("^0$"), new Regex(@"^(\d+ ms|\d+\.\d s)$"), new Regex(@"^[\d,]+\.\d/s$")]);
        }

        await Expect(multiDb.ScaleGain).ToHaveTextAsync(
            new Regex(@"^Wall time .+; the three databases' insert times add up to .+, \d+\.\d× the wall time: the gain from inserting into them concurrently\.$"));
        await Expect(page.GetByText("rows in this run")).ToHaveCountAsync(0);
        await Expect(multiDb.Timeline).ToHaveCountAsync(0);
        await app.ScreenshotAsync(page, "multidb-scale-summary");
        await page.SetViewportSizeAsync(390, 844);
        await app.ScreenshotAsync(page, "multidb-scale-summary-390");
    }
}

using TodoDashboard.E2E.Pages;

namespace TodoDashboard.E2E.Features.Customers;

public sealed class CustomersPageTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly string[] FirstNames = ["Ada", "Grace", "Linus", "Margaret", "Edsger"];
    private static readonly string[] LastNames = ["Lovelace", "Hopper", "Torvalds", "Hamilton", "Dijkstra"];

    [Fact]
    public async Task Search_filter_and_page_the_customers_without_a_reload_then_open_the_editor()
    {
        var page = await app.NewPageAsync(signedIn: true);
        await page.SetViewportSizeAsync(1280, 900);
        var customers = new CustomersPage(page);

        // Arranged through the API with the browser's cookie, one at a time: the newest is listed first.
        for (var i = 1; i <= 25; i++)
        {
            await CreateAsync(page, i);
        }

        var newestFirst = Enumerable.Range(1, 25).Reverse().ToList();

        await customers.GotoAsync();
        await customers.ExpectCustomersAsync(Ids(newestFirst[..20]));
        await Expect(customers.Timing).ToHaveTextAsync(new Regex(@"^\d[\d,]*\.\d ms · (\d+ quer(y|ies)|cached) · about \d[\d,]* matches$"));
        await Expect(customers.PreviousButton).ToBeDisabledAsync();
        await app.ScreenshotAsync(page, "customers");

        await page.MarkDocumentAsync();
        await customers.SearchAsync("grace");
        var graces = newestFirst.Where(i => FirstName(i) == "Grace").ToList();
        await customers.ExpectCustomersAsync(Ids(graces));
        await Expect(customers.Timing).ToHaveTextAsync(new Regex($" · {graces.Count} matches$"));
        await Expect(customers.NextButton).ToBeDisabledAsync();
        await app.ScreenshotAsync(page, "customers-search");

        await customers.SearchAsync("");
        await customers.ExpectCustomersAsync(Ids(newestFirst[..20]));
        await customers.NextButton.ClickAsync();
        await customers.ExpectCustomersAsync(Ids(newestFirst[20..]));
        await Expect(customers.NextButton).ToBeDisabledAsync();
        await customers.PreviousButton.ClickAsync();
        await customers.ExpectCustomersAsync(Ids(newestFirst[..20]));
        await Expect(customers.PreviousButton).ToBeDisabledAsync();
        await page.ExpectSameDocumentAsync();

        await customers.Filter("City").FillAsync("graz");
        await customers.ExpectCustomersAsync(Ids(newestFirst.Where(i => City(i) == "Graz")));
        await app.ScreenshotAsync(page, "customers-filtered");

        await customers.SearchAsync("nobody");
        await Expect(customers.EmptyState).ToContainTextAsync("No customers match");
        await app.ScreenshotAsync(page, "customers-empty");

        await customers.Filter("City").FillAsync("");
        await customers.SearchAsync("");
        await customers.ExpectCustomersAsync(Ids(newestFirst[..20]));
        await customers.OpenEditorAsync(CustomerId(25));
        await Expect(customers.Dialog.GetByLabel("Last name", new() { Exact = true })).ToHaveValueAsync(LastName(25));
        await app.ScreenshotAsync(page, "customers-edit-dialog");
        await customers.CancelEditorAsync();
        await page.ExpectSameDocumentAsync();

        // A phone: the rows turn into cards, the controls wrap, and nothing needs sideways scrolling.
        await page.SetViewportSizeAsync(400, 860);
        await Expect(customers.CustomerIds.First).ToBeVisibleAsync();
        // The table turns into cards once MudBlazor has seen the resize: give the layout that moment.
        const string FitsTheScreen = "() => document.documentElement.scrollWidth <= window.innerWidth";
        await page.WaitForFunctionAsync(FitsTheScreen, null, new() { Timeout = 5_000 }).ContinueWith(_ => { }, TaskScheduler.Default);
        Assert.True(await page.EvaluateAsync<bool>(FitsTheScreen), "The page scrolls sideways at 400 px.");
        await app.ScreenshotAsync(page, "customers-narrow");
    }

    private static string CustomerId(int i) => $"E2E-{i:D3}";

    private static IEnumerable<string> Ids(IEnumerable<int> customers) => customers.Select(CustomerId);

    private static string FirstName(int i) => FirstNames[(i - 1) % FirstNames.Length];

    private static string LastName(int i) => LastNames[(i - 1) % LastNames.Length];

    private static string? City(int i) => i % 2 == 0 ? null : i % 3 == 0 ? "Graz" : "Vienna";

    private async Task CreateAsync(IPage page, int i)
    {
        var body = new
        {
            firstName = FirstName(i),
            lastName = LastName(i),
            customerId = CustomerId(i),
            gender = (i % 3) switch { 0 => "female", 1 => "male", _ => "non_binary" },
            phoneNumber = $"+4366{i:D8}",
            points = i * 37 % 1000,
            lastActivity = i % 4 == 0 ? null : $"2025-0{1 + (i % 9)}-1{i % 10}T10:00:00Z",
            address = City(i) is { } city
                ? new { street = "Ringstraße", streetNumber = $"{i}", cityCode = $"10{i % 10:D2}", city, country = "Austria" }
                : null,
        };
        var response = await page.APIRequest.PostAsync("/api/customers", new() { DataObject = body, Headers = app.SameOriginHeaders });
        Assert.True(response.Ok, $"POST /api/customers returned {response.Status}: {await response.TextAsync()}");
    }
}

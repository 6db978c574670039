using TodoDashboard.E2E.Pages;

namespace TodoDashboard.E2E.Features.Customers;

/// <summary>The customer list's search, filters and sort in the address, and the add dialog's checks, in a real browser.</summary>
public sealed class CustomersAddressTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly string[] FirstNames = ["Ada", "Grace", "Linus"];

    [Fact]
    public async Task A_reload_back_and_a_pasted_link_show_the_search_filters_and_sort_again()
    {
        var page = await app.NewPageAsync(signedIn: true);
        var customers = new CustomersPage(page);
        for (var i = 1; i <= 12; i++)
        {
            var body = new { firstName = FirstNames[i % 3], lastName = "Url", customerId = $"URL-{i:D2}", points = (13 - i) * 10, address = Address(i) };
            var response = await page.APIRequest.PostAsync("/api/customers", new() { DataObject = body, Headers = app.SameOriginHeaders });
            Assert.True(response.Ok, $"POST /api/customers returned {response.Status}: {await response.TextAsync()}");
        }

        // Newest first: 12, 11, …; Grace is every i % 3 == 1, in Vienna when i is odd.
        await customers.GotoAsync();
        await page.MarkDocumentAsync();
        await customers.SearchAsync("grace");
        await customers.ExpectCustomersAsync(["URL-10", "URL-07", "URL-04", "URL-01"]);
        await customers.Filter("City").FillAsync("Vienna");
        await customers.ExpectCustomersAsync(["URL-07", "URL-01"]);
        await customers.SortHeader("Points").ClickAsync();
        await customers.ExpectCustomersAsync(["URL-07", "URL-01"]);
        await customers.SortHeader("Points").ClickAsync();
        await customers.ExpectCustomersAsync(["URL-01", "URL-07"]);
        await page.ExpectSameDocumentAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"/customers\?search=grace&city=Vienna&sort_by=points&ordering=descending&page_size=20$"));
        var link = page.Url;

        await customers.ReloadAsync();
        await customers.ExpectCustomersAsync(["URL-01", "URL-07"]);
        await Expect(customers.SearchBox).ToHaveValueAsync("grace");
        await Expect(customers.Filter("City")).ToHaveValueAsync("Vienna");
        await Expect(customers.SortHeader("Points")).ToHaveAccessibleNameAsync(new Regex(@"^Points\W*sorted by points descending$"));
        await app.ScreenshotAsync(page, "customers-restored-1366");

        // One entry per settled change: Back goes to points ascending, then to the search before the city.
        await page.GoBackAsync();
        await customers.ExpectCustomersAsync(["URL-07", "URL-01"]);
        await Expect(customers.SortHeader("Points")).ToHaveAccessibleNameAsync(new Regex(@"^Points\W*sorted by points ascending$"));
        await page.GoBackAsync();
        await page.GoBackAsync();
        await customers.ExpectCustomersAsync(["URL-10", "URL-07", "URL-04", "URL-01"]);
        await Expect(customers.SearchBox).ToHaveValueAsync("grace");
        await Expect(customers.Filter("City")).ToHaveValueAsync("");

        var pastedPage = await app.NewPageAsync(signedIn: true);
        await pastedPage.SetViewportSizeAsync(390, 844);
        var pasted = new CustomersPage(pastedPage);
        await pasted.GotoAsync(link);
        await pasted.ExpectCustomersAsync(["URL-01", "URL-07"]);
        await Expect(pasted.SearchBox).ToHaveValueAsync("grace");
        await app.ScreenshotAsync(pastedPage, "customers-restored-390");
    }

    [Fact]
    public async Task A_link_with_bad_parameters_shows_the_defaults_and_a_notice_at_both_widths()
    {
        var page = await app.NewPageAsync(signedIn: true);
        var customers = new CustomersPage(page);

        await customers.GotoAsync("/customers?search=grace&min_points=lots&sort_by=shoe_size");

        await Expect(customers.AddressNotice).ToContainTextAsync("'lots' is not valid for 'min_points'");
        await Expect(customers.SearchBox).ToHaveValueAsync("");
        await app.ScreenshotAsync(page, "customers-address-notice-1366");
        await page.SetViewportSizeAsync(390, 844);
        await Expect(customers.AddressNotice).ToBeVisibleAsync();
        await app.ScreenshotAsync(page, "customers-address-notice-390");
    }

    [Fact]
    public async Task The_add_dialog_opens_without_errors_proposes_a_free_id_and_explains_an_impossible_birthday()
    {
        var page = await app.NewPageAsync(signedIn: true);
        var customers = new CustomersPage(page);
        await customers.GotoAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "New customer", Exact = true }).ClickAsync();

        var id = customers.Dialog.GetByLabel("Customer id", new() { Exact = true });
        await Expect(id).ToHaveValueAsync(new Regex(@"^M\d{6}$"));
        await Expect(customers.Dialog.GetByText("field is required")).ToHaveCountAsync(0);
        await Expect(customers.Dialog.GetByLabel("First name", new() { Exact = true })).ToHaveAttributeAsync("aria-invalid", "false");
        await app.ScreenshotAsync(page, "customers-new-dialog");

        await customers.Dialog.GetByLabel("Birthday (optional)", new() { Exact = true }).FillAsync("2999-01-01");
        await customers.Dialog.GetByLabel("Birthday (optional)", new() { Exact = true }).PressAsync("Tab");
        await customers.Dialog.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();

        await Expect(customers.Dialog.GetByText("The birthday must be a date from 1900-01-01 to today.")).ToBeVisibleAsync();
        await Expect(customers.Dialog.GetByText("The First name field is required.")).ToBeVisibleAsync();
        await app.ScreenshotAsync(page, "customers-new-dialog-errors");
    }

    private static object? Address(int i) =>
        new { street = "Ringstraße", streetNumber = $"{i}", cityCode = "1010", city = i % 2 == 1 ? "Vienna" : "Graz", country = "Austria" };
}

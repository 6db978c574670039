using AngleSharp.Dom;
using Bunit;
using MudBlazor;
using TodoDashboard.Features.Customers;
using TodoDashboard.Features.Customers.Generation;
using TodoDashboard.Infrastructure.LiveUpdates;
using TodoDashboard.Features.Customers.Components;
using TodoDashboard.Infrastructure.Auth;

namespace TodoDashboard.Tests.Features.Customers;

/// <summary>Adding, editing and deleting from the customers page, on a database of its own; each test works on customer ids of its own.</summary>
public class CustomersPageWriteTests : ComponentTestContext
{
    private readonly CustomerService _customers;
    private readonly CustomerSearch _search;

    public CustomersPageWriteTests(TodoDashboardFactory factory) : base(factory)
    {
        _customers = UseAppService<CustomerService>();
        _search = UseAppService<CustomerSearch>();
        UseAppService<CustomerGenerationService>();
        UseAppService<PostgresNotificationHub>();
        UseAppService<TimeProvider>();
        AuthorizeAs(AppRoles.Operator);
    }

    [Fact]
    public async Task Adding_a_customer_with_an_address_stores_it_and_lists_it_first()
    {
        var id = NewCustomerId();
        var (dialogs, page) = RenderPage();

        var open = await page.StartClickAsync(() => NewCustomerButton(page));
        await dialogs.FillAsync("First name", "Ada");
        await dialogs.FillAsync("Last name", "Lovelace");
        await dialogs.FillAsync("Customer id", id);
        await dialogs.FillAsync("Phone (optional)", "+441234567890");
        await dialogs.ChangeAsync(() => dialogs.Find("input[role=switch]"), true);
        await dialogs.FillAsync("Street", "St James's Square");
        await dialogs.FillAsync("Number", "12");
        await dialogs.FillAsync("City code", "SW1Y");
        await dialogs.FillAsync("City", "London");
        await dialogs.FillAsync("Country", "United Kingdom");
        await dialogs.Find("form#customer-form").SubmitAsync();
        await open;

        page.WaitForAssertion(() => Assert.Equal(id, CustomersPageTestContext.CustomerIds(page).FirstOrDefault()), DatabaseTimeout);
        Assert.Empty(dialogs.FindAll(".mud-dialog"));
        var stored = Assert.Single((await _search.SearchAsync(new CustomerQuery { CustomerId = id }, null)).Results);
        Assert.Equal(("Ada", "Lovelace", "+441234567890"), (stored.FirstName, stored.LastName, stored.PhoneNumber));
        Assert.Equal(new CustomerAddressDto("St James's Square", "12", "SW1Y", "London", "United Kingdom"), stored.Address);
        Assert.Contains("London, United Kingdom", page.Find("tbody tr").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Saving_without_the_required_fields_names_each_and_stores_nothing()
    {
        var (dialogs, page) = RenderPage();
        _ = await page.StartClickAsync(() => NewCustomerButton(page));
        dialogs.WaitForElement("form#customer-form");
        await dialogs.ChangeAsync(() => dialogs.Find("input[role=switch]"), true);
        // The dialog proposes a free id: cleared, it is required like the names.
        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.Field("Customer id").GetAttribute("value") ?? ""), DatabaseTimeout);
        await dialogs.FillAsync("Customer id", "");

        await dialogs.Find("form#customer-form").SubmitAsync();

        dialogs.WaitForAssertion(() => Assert.Contains("The First name field is required.", FieldErrors(dialogs, "First name"), StringComparison.Ordinal));
        Assert.Contains("The Customer id field is required.", FieldErrors(dialogs, "Customer id"), StringComparison.Ordinal);
        Assert.Contains("An address needs a city.", FieldErrors(dialogs, "City"), StringComparison.Ordinal);
        Assert.Single(dialogs.FindAll(".mud-dialog"));
    }

    [Fact]
    public async Task A_taken_customer_id_is_shown_on_its_field_and_the_dialog_stays_open()
    {
        var id = NewCustomerId();
        await _customers.CreateAsync(new CustomerRequest { FirstName = "First", LastName = "Holder", CustomerId = id });
        var (dialogs, page) = RenderPage();

        _ = await page.StartClickAsync(() => NewCustomerButton(page));
        await dialogs.FillAsync("First name", "Second");
        await dialogs.FillAsync("Last name", "Claimant");
        await dialogs.FillAsync("Customer id", id);
        await dialogs.Find("form#customer-form").SubmitAsync();

        dialogs.WaitForAssertion(() => Assert.Contains($"The customer id {id} is taken.", FieldErrors(dialogs, "Customer id"), StringComparison.Ordinal), DatabaseTimeout);
        Assert.Single(dialogs.FindAll(".mud-dialog"));
        Assert.Single((await _search.SearchAsync(new CustomerQuery { CustomerId = id }, null)).Results);

        // A new id takes the message away and saves.
        var other = NewCustomerId();
        await dialogs.FillAsync("Customer id", other);
        Assert.DoesNotContain("is taken", dialogs.Markup, StringComparison.Ordinal);
        await dialogs.Find("form#customer-form").SubmitAsync();
        page.WaitForAssertion(() => Assert.Equal(other, CustomersPageTestContext.CustomerIds(page).FirstOrDefault()), DatabaseTimeout);
    }

    [Fact]
    public async Task Editing_a_customer_saves_the_change_and_the_page_shows_it()
    {
        var id = NewCustomerId();
        await _customers.CreateAsync(new CustomerRequest { FirstName = "Grace", LastName = "Murray", CustomerId = id, Points = 10 });
        var (dialogs, page) = RenderPage();
        page.WaitForAssertion(() => Assert.Contains(id, CustomersPageTestContext.CustomerIds(page)), DatabaseTimeout);

        var edit = await page.StartClickAsync(() => page.Find($"button[aria-label='Edit {id}']"));
        dialogs.WaitForAssertion(() => Assert.Equal("Murray", dialogs.Field("Last name").GetAttribute("value")));
        await dialogs.FillAsync("Last name", "Hopper");
        await dialogs.Find("form#customer-form").SubmitAsync();
        await edit;

        page.WaitForAssertion(() => Assert.Contains("Grace Hopper", Row(page, id).TextContent, StringComparison.Ordinal), DatabaseTimeout);
        var stored = Assert.Single((await _search.SearchAsync(new CustomerQuery { CustomerId = id }, null)).Results);
        Assert.Equal(("Hopper", 10), (stored.LastName, stored.Relationship.Points));
    }

    [Fact]
    public async Task Deleting_asks_for_confirmation_then_removes_the_customer()
    {
        var id = NewCustomerId();
        await _customers.CreateAsync(new CustomerRequest { FirstName = "Short", LastName = "Lived", CustomerId = id });
        var (dialogs, page) = RenderPage();
        page.WaitForAssertion(() => Assert.Contains(id, CustomersPageTestContext.CustomerIds(page)), DatabaseTimeout);

        // The click's handler waits for the answer in the message box, so it is awaited only after answering.
        var click = await page.StartClickAsync(() => page.Find($"button[aria-label='Delete {id}']"));
        dialogs.WaitForAssertion(() => Assert.Contains("This cannot be undone.", dialogs.Markup, StringComparison.Ordinal));
        Assert.Single((await _search.SearchAsync(new CustomerQuery { CustomerId = id }, null)).Results);
        await dialogs.ClickAsync(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Delete"));
        await click;

        page.WaitForAssertion(() => Assert.DoesNotContain(id, CustomersPageTestContext.CustomerIds(page)), DatabaseTimeout);
        Assert.Empty((await _search.SearchAsync(new CustomerQuery { CustomerId = id }, null)).Results);
    }

    private (IRenderedComponent<MudDialogProvider> Dialogs, IRenderedComponent<CustomersPage> Page) RenderPage()
    {
        var dialogs = Render<MudDialogProvider>();
        var page = Render<CustomersPage>();
        // The timing line appears once the first query has answered, and with it the page's final first render.
        page.WaitForAssertion(() => Assert.Contains(" ms", page.Find("[data-testid=customers-timing]").TextContent, StringComparison.Ordinal), DatabaseTimeout);
        return (dialogs, page);
    }

    private static string NewCustomerId() => $"W{Guid.NewGuid():N}"[..12];

    private static IElement NewCustomerButton(IRenderedComponent<CustomersPage> page) =>
        page.FindAll("button").Single(b => b.TextContent.Trim() == "New customer");

    private static IElement Row(IRenderedComponent<CustomersPage> page, string customerId) =>
        page.FindAll("tbody tr").Single(r => r.QuerySelector("td[data-testid=customer-id]")?.TextContent.Trim() == customerId);

    /// <summary>The messages under the field a label names.</summary>
    private static string FieldErrors(IRenderedComponent<MudDialogProvider> dialogs, string label) =>
        dialogs.Field(label).Closest(".mud-input-control")!.QuerySelector(".mud-input-helper-text")?.TextContent ?? "";
}

using Bunit;
using MudBlazor;
using TodoDashboard.Features.Customers;
using TodoDashboard.Features.Customers.Components;
using TodoDashboard.Features.Customers.Generation;
using TodoDashboard.Infrastructure.LiveUpdates;

namespace TodoDashboard.Tests.Features.Customers;

/// <summary>The customer edit dialog, opened from the page, when the customer changes or goes away while it is open.</summary>
public class CustomerEditDialogTests : ComponentTestContext
{
    private readonly CustomerService _customers;

    public CustomerEditDialogTests(TodoDashboardFactory factory) : base(factory)
    {
        _customers = UseAppService<CustomerService>();
        UseAppService<CustomerSearch>();
        UseAppService<CustomerGenerationService>();
        UseAppService<PostgresNotificationHub>();
        UseAppService<TimeProvider>();
    }

    [Fact]
    public async Task A_save_after_another_change_shows_their_values_beside_yours_and_saves_nothing()
    {
        var (customer, dialogs, _) = await OpenEditorAsync();
        await dialogs.FillAsync("Last name", "Mine");
        var theirs = await ChangeElsewhereAsync(customer);

        await dialogs.Find("form#customer-form").SubmitAsync();

        dialogs.WaitForConflict(DatabaseTimeout);
        Assert.Equal(("Mine", "Theirs"), dialogs.Conflict("Last name"));
        Assert.Equal(("10", "99"), dialogs.Conflict("Points"));
        Assert.Empty(dialogs.FindAll("[data-testid=edit-conflict] tr[data-field='First name']"));
        Assert.Equal(theirs, await _customers.GetAsync(customer.Id));
    }

    [Fact]
    public async Task Reload_takes_their_version_into_the_form()
    {
        var (customer, dialogs, edit) = await OpenIntoConflictAsync();

        await dialogs.ClickButtonAsync("Reload");

        Assert.Empty(dialogs.FindAll("[data-testid=edit-conflict]"));
        Assert.Equal("Theirs", dialogs.Field("Last name").GetAttribute("value"));
        Assert.Equal("99", dialogs.Field("Points").GetAttribute("value"));
        await dialogs.Find("form#customer-form").SubmitAsync();
        await edit;
        var stored = await _customers.GetAsync(customer.Id);
        Assert.Equal(("Theirs", 99), (stored!.LastName, stored.Relationship.Points));
    }

    [Fact]
    public async Task Overwrite_saves_your_version_over_theirs()
    {
        var (customer, dialogs, edit) = await OpenIntoConflictAsync();

        await dialogs.ClickButtonAsync("Overwrite");
        await edit;

        Assert.Empty(dialogs.FindAll(".mud-dialog"));
        var stored = await _customers.GetAsync(customer.Id);
        Assert.Equal(("Mine", 10), (stored!.LastName, stored.Relationship.Points));
    }

    [Fact]
    public async Task A_save_after_a_delete_says_so_and_keeps_the_form()
    {
        var (customer, dialogs, _) = await OpenEditorAsync();
        await dialogs.FillAsync("Last name", "Mine");
        await _customers.DeleteAsync(customer.Id);

        await dialogs.Find("form#customer-form").SubmitAsync();

        dialogs.WaitForDeleted(DatabaseTimeout);
        Assert.Equal("Mine", dialogs.Field("Last name").GetAttribute("value"));
    }

    /// <summary>Adds a customer of its own, renders the page and opens its editor; the click finishes when the dialog closes.</summary>
    private async Task<(CustomerResponse Customer, IRenderedComponent<MudDialogProvider> Dialogs, Task Edit)> OpenEditorAsync()
    {
        var id = $"E{Guid.NewGuid():N}"[..12];
        var customer = (await _customers.CreateAsync(new CustomerRequest { FirstName = "Grace", LastName = "Murray", CustomerId = id, Points = 10 })).Customer!;
        var dialogs = Render<MudDialogProvider>();
        var page = Render<CustomersPage>();
        page.WaitForElement($"button[aria-label='Edit {id}']", DatabaseTimeout);
        var edit = await page.StartClickAsync(() => page.Find($"button[aria-label='Edit {id}']"));
        dialogs.WaitForAssertion(() => Assert.Equal("Murray", dialogs.Field("Last name").GetAttribute("value")));
        return (customer, dialogs, edit);
    }

    /// <summary>Opens the editor, types a last name, lets another save land, and saves: the dialog shows the conflict.</summary>
    private async Task<(CustomerResponse Customer, IRenderedComponent<MudDialogProvider> Dialogs, Task Edit)> OpenIntoConflictAsync()
    {
        var opened = await OpenEditorAsync();
        await opened.Dialogs.FillAsync("Last name", "Mine");
        await ChangeElsewhereAsync(opened.Customer);
        await opened.Dialogs.Find("form#customer-form").SubmitAsync();
        opened.Dialogs.WaitForConflict(DatabaseTimeout);
        return opened;
    }

    private async Task<CustomerResponse> ChangeElsewhereAsync(CustomerResponse customer) =>
        (await _customers.UpdateAsync(customer.Id, new CustomerRequest
        {
            FirstName = customer.FirstName,
            LastName = "Theirs",
            CustomerId = customer.CustomerId,
            Points = 99,
        })).Customer!;
}

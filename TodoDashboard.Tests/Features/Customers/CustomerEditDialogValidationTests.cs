using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using TodoDashboard.Features.Customers;
using TodoDashboard.Features.Customers.Components;

namespace TodoDashboard.Tests.Features.Customers;

/// <summary>The add dialog's own checks: nothing reported before anything is typed, a free id proposed, one rule for a birthday.</summary>
public class CustomerEditDialogValidationTests : ComponentTestContext
{
    private readonly CustomerService _customers;

    public CustomerEditDialogValidationTests(TodoDashboardFactory factory) : base(factory) => _customers = UseAppService<CustomerService>();

    [Fact]
    public async Task A_new_customer_dialog_opens_without_errors_and_proposes_a_free_id_that_saves()
    {
        await _customers.CreateAsync(new CustomerRequest { FirstName = "Taken", LastName = "Before", CustomerId = "M000041" });
        var (dialogs, added) = await OpenNewAsync();

        dialogs.WaitForAssertion(() => Assert.Equal("M000042", dialogs.Field("Customer id").GetAttribute("value")), DatabaseTimeout);
        Assert.Empty(dialogs.FindAll(".mud-input-error"));
        Assert.DoesNotContain("field is required", dialogs.Markup, StringComparison.Ordinal);
        Assert.False(CustomerService.IsGeneratedCustomerId("M000042"));

        await dialogs.FillAsync("First name", "Ada");
        await dialogs.FillAsync("Last name", "Lovelace");
        await dialogs.Find("form#customer-form").SubmitAsync();

        var saved = Assert.IsType<CustomerResponse>((await added)!.Data);
        Assert.Equal("M000042", saved.CustomerId);
    }

    [Theory]
    [InlineData("1899-12-31")]
    [InlineData("2999-01-01")]
    public async Task An_impossible_birthday_says_why_under_the_field_and_saves_nothing(string birthday)
    {
        var (dialogs, _) = await OpenNewAsync();
        await dialogs.FillAsync("First name", "Ada");
        await dialogs.FillAsync("Last name", "Lovelace");
        await dialogs.FillAsync("Customer id", $"B{Guid.NewGuid():N}"[..12]);
        await dialogs.FillAsync("Birthday (optional)", birthday);

        await dialogs.Find("form#customer-form").SubmitAsync();

        dialogs.WaitForAssertion(() => Assert.Contains("The birthday must be a date from 1900-01-01 to today.", FieldText(dialogs, "Birthday (optional)"), StringComparison.Ordinal));
        Assert.Single(dialogs.FindAll(".mud-dialog"));
    }

    [Fact]
    public async Task A_birthday_from_1900_to_today_is_taken()
    {
        var (dialogs, added) = await OpenNewAsync();
        await dialogs.FillAsync("First name", "Ada");
        await dialogs.FillAsync("Last name", "Lovelace");
        await dialogs.FillAsync("Birthday (optional)", "1900-01-01");

        await dialogs.Find("form#customer-form").SubmitAsync();

        Assert.Equal(new DateOnly(1900, 1, 1), Assert.IsType<CustomerResponse>((await added)!.Data).Birthday);
    }

    private async Task<(IRenderedComponent<MudDialogProvider> Dialogs, Task<DialogResult?> Added)> OpenNewAsync()
    {
        var dialogs = Render<MudDialogProvider>();
        var reference = await dialogs.InvokeAsync(() => Services.GetRequiredService<IDialogService>().ShowAsync<CustomerEditDialog>("New customer"));
        dialogs.WaitForAssertion(() => Assert.NotEmpty(dialogs.FindAll("form#customer-form")));
        return (dialogs, reference.Result);
    }

    private static string FieldText(IRenderedComponent<MudDialogProvider> dialogs, string label) =>
        dialogs.Field(label).Closest(".mud-input-control")!.TextContent;
}

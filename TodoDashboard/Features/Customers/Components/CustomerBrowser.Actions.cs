using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using TodoDashboard.Infrastructure.Auth;
using TodoDashboard.Infrastructure.Concurrency;

namespace TodoDashboard.Features.Customers.Components;

/// <summary>The customer list's row actions: add, edit and delete, each reloading the page on screen after.</summary>
public sealed partial class CustomerBrowser
{
    [Inject] private CustomerService Customers { get; set; } = default!;

    [Inject] private IDialogService Dialogs { get; set; } = default!;

    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    private async Task AddAsync()
    {
        if (await ShowEditorAsync(null) is { } created)
        {
            Snackbar.Add($"Added {created.FirstName} {created.LastName} ({created.CustomerId}).", Severity.Success);
            await ReloadAsync();
        }
    }

    private async Task EditAsync(CustomerResponse customer)
    {
        if (await ShowEditorAsync(customer) is { } saved)
        {
            Snackbar.Add($"Saved {saved.FirstName} {saved.LastName} ({saved.CustomerId}).", Severity.Success);
        }

        // Also after a cancel: the dialog may have found the customer deleted meanwhile.
        await ReloadAsync();
    }

    private async Task<CustomerResponse?> ShowEditorAsync(CustomerResponse? customer)
    {
        var parameters = new DialogParameters<CustomerEditDialog> { { d => d.Editing, customer } };
        var options = new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, BackdropClick = false };
        var dialog = await Dialogs.ShowAsync<CustomerEditDialog>(customer is null ? "New customer" : "Edit customer", parameters, options);
        return await dialog.Result is { Canceled: false, Data: CustomerResponse saved } ? saved : null;
    }

    private async Task DeleteAsync(CustomerResponse customer)
    {
        if (AuthenticationState is null || !(await AuthenticationState).User.Allows(AppRoles.Operator))
        {
            return;
        }

        var name = $"{customer.FirstName} {customer.LastName} ({customer.CustomerId})";
        var confirmed = await Dialogs.ShowMessageBoxAsync("Delete customer", $"Delete {name}? This cannot be undone.", yesText: "Delete", cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        try
        {
            var deleted = (await Customers.DeleteAsync(customer.Id)).Outcome == WriteOutcome.Done;
            Snackbar.Add(deleted ? $"Deleted {name}." : $"{name} was deleted already.", deleted ? Severity.Info : Severity.Warning);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Snackbar.Add(Errors.Report(ex, $"delete {name}"), Severity.Error);
        }

        await ReloadAsync();
    }
}

namespace TodoDashboard.E2E.Pages;

/// <summary>/admin/users: the accounts, each with its role select and lock button.</summary>
public sealed class AdminUsersPage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = "Users and roles", Exact = true });

    public ILocator Table => page.GetByTestId("admin-users");

    public ILocator RoleSelect(string email) => page.GetByRole(AriaRole.Combobox, new() { Name = $"Role of {email}", Exact = true });

    /// <summary>Opens the page filtered to one account (the search is in the URL).</summary>
    public async Task GotoAsync(string search)
    {
        await page.GotoAsync($"/admin/users?search={Uri.EscapeDataString(search)}");
        await Expect(Heading).ToBeVisibleAsync();
        await page.WaitForCircuitAsync();
        await Expect(page.GetByRole(AriaRole.Progressbar, new() { Name = "Loading users", Exact = true })).ToHaveCountAsync(0);
    }

    public async Task SetRoleAsync(string email, string role)
    {
        var select = RoleSelect(email);
        await select.ClickAsync();
        await page.GetByRole(AriaRole.Listbox).GetByRole(AriaRole.Option, new() { Name = role, Exact = true }).ClickAsync();
        await Expect(page.GetByText($"{email} is now a{(role is "Admin" or "Operator" ? "n" : "")} {role}.")).ToBeVisibleAsync();
        await Expect(select).ToHaveTextAsync(role);
    }
}

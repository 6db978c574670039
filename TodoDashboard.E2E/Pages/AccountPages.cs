namespace TodoDashboard.E2E.Pages;

/// <summary>The Identity pages (static server-rendered forms, no circuit to wait for) and the app bar's log-out button.</summary>
public sealed class AccountPages(IPage page)
{
    public ILocator LoginHeading => page.GetByRole(AriaRole.Heading, new() { Name = "Log in" });

    public ILocator RegisterHeading => page.GetByRole(AriaRole.Heading, new() { Name = "Create an account" });

    public ILocator DashboardHeading => page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard" });

    public async Task GotoRegisterAsync()
    {
        await page.GotoAsync("/Account/Register");
        await Expect(RegisterHeading).ToBeVisibleAsync();
    }

    public async Task GotoLoginAsync()
    {
        await page.GotoAsync("/Account/Login");
        await Expect(LoginHeading).ToBeVisibleAsync();
    }

    /// <summary>Fills in the open register page and ends signed in on the dashboard, once its circuit is up.</summary>
    public async Task RegisterAsync(string email, string password)
    {
        await SubmitRegisterAsync(email, password);
        await ExpectDashboardAsync();
    }

    /// <summary>Fills in and submits the open register page, wherever that leads.</summary>
    public async Task SubmitRegisterAsync(string email, string password)
    {
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByLabel("Confirm password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Register", Exact = true }).ClickAsync();
    }

    /// <summary>Fills in the open login page and ends on the dashboard, once its circuit is up.</summary>
    public async Task LoginAsync(string email, string password)
    {
        await SubmitLoginAsync(email, password);
        await ExpectDashboardAsync();
    }

    /// <summary>Fills in and submits the open login page, wherever that leads (a second step, an error).</summary>
    public async Task SubmitLoginAsync(string email, string password)
    {
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
    }

    /// <summary>Presses the app bar's "Log out" and ends on the login page.</summary>
    public async Task LogoutAsync()
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
        await Expect(LoginHeading).ToBeVisibleAsync();
        // The form's redirect, or the open circuit's own (signing out changes the security stamp, which the circuit hears): both land here.
        await Expect(page).ToHaveURLAsync(new Regex(@"/Account/Login(\?returnUrl=[^&]*)?$"));
    }

    private async Task ExpectDashboardAsync()
    {
        await Expect(DashboardHeading).ToBeVisibleAsync();
        await page.WaitForCircuitAsync();
    }
}

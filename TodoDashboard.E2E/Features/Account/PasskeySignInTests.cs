using TodoDashboard.E2E.Pages;

namespace TodoDashboard.E2E.Features.Account;

/// <summary>
/// A passkey made on the manage page signs its account in, in Chromium with a virtual authenticator (the DevTools
/// protocol's WebAuthn domain) standing in for the device's screen lock. The page runs on localhost: WebAuthn takes no
/// IP address as a site.
/// </summary>
public sealed class PasskeySignInTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_passkey_added_on_the_manage_page_signs_the_account_in_without_its_password()
    {
        var (page, _) = await app.NewMemberPageAsync(app.LocalhostAddress);
        await AddVirtualAuthenticatorAsync(page);
        var account = new AccountPages(page);
        var security = new AccountSecurityPages(page);

        await security.GotoPasskeysAsync();
        await Expect(page.GetByText("No passkeys yet.")).ToBeVisibleAsync();
        await security.AddPasskeyAsync("E2E laptop");

        await Expect(security.Status).ToContainTextAsync("The passkey is now called E2E laptop.");
        await Expect(security.PasskeyList.GetByText("E2E laptop", new() { Exact = true })).ToBeVisibleAsync();
        await app.ScreenshotAsync(page, "account-passkeys");

        await account.LogoutAsync();
        await app.ScreenshotAsync(page, "account-login-passkey");
        await security.SignInWithPasskeyAsync();

        await Expect(account.DashboardHeading).ToBeVisibleAsync();
        await page.WaitForCircuitAsync();
    }

    [Fact]
    public async Task A_deleted_passkey_is_gone_from_the_list()
    {
        var (page, _) = await app.NewMemberPageAsync(app.LocalhostAddress);
        await AddVirtualAuthenticatorAsync(page);
        var security = new AccountSecurityPages(page);
        await security.GotoPasskeysAsync();
        await security.AddPasskeyAsync("To delete");

        await page.GetByRole(AriaRole.Button, new() { Name = "Delete To delete" }).ClickAsync();

        await Expect(security.Status).ToContainTextAsync("Deleted the passkey To delete.");
        await Expect(page.GetByText("No passkeys yet.")).ToBeVisibleAsync();
    }

    private static async Task AddVirtualAuthenticatorAsync(IPage page)
    {
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("WebAuthn.enable");
        await cdp.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["transport"] = "internal",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = true,
                ["automaticPresenceSimulation"] = true,
            },
        });
    }
}

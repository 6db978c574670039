namespace TodoDashboard.E2E.Pages;

/// <summary>The account's passkeys and two-factor pages, and the sign-in steps they add (static forms, no circuit).</summary>
public sealed class AccountSecurityPages(IPage page)
{
    public ILocator PasskeysHeading => page.GetByRole(AriaRole.Heading, new() { Name = "Passkeys", Exact = true });

    public ILocator PasskeyList => page.GetByTestId("passkey-list");

    public ILocator TwoFactorState => page.GetByTestId("two-factor-state");

    public ILocator AuthenticatorCodeHeading => page.GetByRole(AriaRole.Heading, new() { Name = "Authenticator code" });

    public ILocator RecoveryCodes => page.GetByTestId("recovery-codes").Locator("code");

    public ILocator Status => page.GetByRole(AriaRole.Alert);

    public async Task GotoPasskeysAsync()
    {
        await page.GotoAsync("/Account/Manage/Passkeys");
        await Expect(PasskeysHeading).ToBeVisibleAsync();
    }

    /// <summary>Adds a passkey from the browser's authenticator and names it on the page that follows.</summary>
    public async Task AddPasskeyAsync(string name)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a passkey" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Name your passkey" })).ToBeVisibleAsync();
        await page.GetByLabel("Passkey name").FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save name" }).ClickAsync();
        await Expect(PasskeysHeading).ToBeVisibleAsync();
    }

    public Task SignInWithPasskeyAsync() => page.GetByRole(AriaRole.Button, new() { Name = "Sign in with a passkey" }).ClickAsync();

    public async Task GotoTwoFactorAsync()
    {
        await page.GotoAsync("/Account/Manage/TwoFactorAuthentication");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Two-factor sign-in", Exact = true })).ToBeVisibleAsync();
    }

    /// <summary>From the two-factor page: opens the set-up page and returns the key it shows.</summary>
    public async Task<string> StartAuthenticatorSetUpAsync()
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Add an authenticator app" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Add an authenticator app" })).ToBeVisibleAsync();
        return await page.GetByTestId("authenticator-key").InnerTextAsync();
    }

    public async Task VerifyAuthenticatorAsync(string code)
    {
        await page.GetByLabel("Verification code").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
    }

    public async Task SubmitAuthenticatorCodeAsync(string code)
    {
        await page.GetByLabel("Authenticator code").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
    }

    public async Task SubmitRecoveryCodeAsync(string code)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Use a recovery code" }).ClickAsync();
        await page.GetByLabel("Recovery code").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in", Exact = true }).ClickAsync();
    }
}

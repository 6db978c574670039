using TodoDashboard.E2E.Pages;

namespace TodoDashboard.E2E.Features.Account;

/// <summary>Two-factor sign-in with an authenticator app, the app played by <see cref="Totp"/> from the key the set-up page shows.</summary>
public sealed class TwoFactorSignInTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task An_account_with_an_authenticator_signs_in_with_its_password_and_a_code_or_a_recovery_code()
    {
        var (page, email) = await app.NewMemberPageAsync();
        var account = new AccountPages(page);
        var security = new AccountSecurityPages(page);

        await security.GotoTwoFactorAsync();
        await Expect(security.TwoFactorState).ToContainTextAsync("Off");
        var key = await security.StartAuthenticatorSetUpAsync();
        await app.ScreenshotAsync(page, "account-enable-authenticator");
        await security.VerifyAuthenticatorAsync(Totp.Code(key, DateTimeOffset.UtcNow));
        await Expect(security.Status).ToContainTextAsync("Your authenticator app is verified");
        await page.GetByRole(AriaRole.Button, new() { Name = "Make recovery codes" }).ClickAsync();

        await Expect(security.RecoveryCodes).ToHaveCountAsync(10);
        var recoveryCode = await security.RecoveryCodes.First.InnerTextAsync();
        await app.ScreenshotAsync(page, "account-recovery-codes");
        await page.GetByRole(AriaRole.Link, new() { Name = "I have saved them" }).ClickAsync();
        await Expect(security.TwoFactorState).ToContainTextAsync("On");
        await app.ScreenshotAsync(page, "account-two-factor");

        await account.LogoutAsync();
        await account.SubmitLoginAsync(email, TestUsers.Password);
        await Expect(security.AuthenticatorCodeHeading).ToBeVisibleAsync();
        await app.ScreenshotAsync(page, "account-login-with-2fa");
        await security.SubmitAuthenticatorCodeAsync(Totp.Code(key, DateTimeOffset.UtcNow));
        await Expect(account.DashboardHeading).ToBeVisibleAsync();
        await page.WaitForCircuitAsync();

        await account.LogoutAsync();
        await account.SubmitLoginAsync(email, TestUsers.Password);
        await Expect(security.AuthenticatorCodeHeading).ToBeVisibleAsync();
        await security.SubmitRecoveryCodeAsync(recoveryCode);
        await Expect(account.DashboardHeading).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_wrong_code_does_not_sign_in_and_says_so()
    {
        var (page, email) = await app.NewMemberPageAsync();
        var account = new AccountPages(page);
        var security = new AccountSecurityPages(page);
        await security.GotoTwoFactorAsync();
        var key = await security.StartAuthenticatorSetUpAsync();
        await security.VerifyAuthenticatorAsync(Totp.Code(key, DateTimeOffset.UtcNow));
        await Expect(security.Status).ToContainTextAsync("Your authenticator app is verified");

        await account.LogoutAsync();
        await account.SubmitLoginAsync(email, TestUsers.Password);
        await security.SubmitAuthenticatorCodeAsync(Totp.Code(key, DateTimeOffset.UtcNow.AddMinutes(-10)));

        await Expect(security.Status).ToContainTextAsync("That code is not the one the app shows now.");
        await Expect(security.AuthenticatorCodeHeading).ToBeVisibleAsync();
    }
}

/// <summary>The authenticator stand-in against RFC 6238's own test vector.</summary>
[Trait("Category", "Unit")]
public sealed class TotpTests
{
    [Fact]
    public void The_code_for_the_rfc_6238_key_at_59_seconds_is_the_rfc_s()
    {
        // "12345678901234567890" in base32; the RFC's eight digits are 94287082.
        Assert.Equal("287082", Totp.Code("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", DateTimeOffset.FromUnixTimeSeconds(59)));
    }
}

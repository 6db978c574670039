using TodoDashboard.E2E.Pages;

namespace TodoDashboard.E2E.Features.Account;

/// <summary>The register page says what a password must be before one is typed, and a refused one says why under the field.</summary>
public sealed class PasswordRulesTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task The_register_page_lists_the_rules_and_shows_a_common_password_refused_under_the_field()
    {
        var page = await app.NewPageAsync();
        var account = new AccountPages(page);
        await account.GotoRegisterAsync();
        var rules = page.Locator("#password-help");
        await Expect(rules.GetByRole(AriaRole.Listitem)).ToHaveTextAsync(["12 to 128 characters long", "not one of the commonly used passwords, nor your email"]);

        await account.SubmitRegisterAsync(TestUsers.NewEmail(), "password1234");

        var field = page.Locator(".account-field", new() { Has = page.GetByLabel("Password", new() { Exact = true }) });
        await Expect(field.Locator(".validation-message")).ToContainTextAsync("commonly used passwords");
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
        await app.ScreenshotAsync(page, "account-register-refused-password");
    }
}

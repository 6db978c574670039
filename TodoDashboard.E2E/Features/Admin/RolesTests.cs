using TodoDashboard.E2E.Pages;

namespace TodoDashboard.E2E.Features.Admin;

public sealed class RolesTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_member_sees_operator_actions_disabled_until_an_admin_promotes_them_and_the_open_page_enables_them_without_signing_in_again()
    {
        var (memberPage, memberEmail) = await app.NewMemberPageAsync();
        var shares = new SharesPage(memberPage);
        await shares.GotoAsync();
        await Expect(memberPage.GetByTestId("user-role")).ToHaveTextAsync("Member");
        await Expect(memberPage.GetByRole(AriaRole.Link, new() { Name = "Users and roles" })).ToHaveCountAsync(0);

        // Disabled, and saying why: the tooltip names the role the action needs.
        await Expect(shares.RunButton).ToBeDisabledAsync();
        await Expect(shares.GenerateButton).ToBeDisabledAsync();
        var gate = memberPage.GetByTestId("role-gate").Filter(new() { Has = shares.RunButton });
        await Expect(gate).ToHaveAttributeAsync("data-required-role", "Operator");
        await gate.HoverAsync();
        await Expect(memberPage.Locator(".mud-tooltip").Filter(new() { HasText = "Needs the Operator role" })).ToBeVisibleAsync();
        await app.ScreenshotAsync(memberPage, "shares-member");
        await memberPage.MarkDocumentAsync();

        var adminPage = await app.NewPageAsync(signedIn: true);
        var admin = new AdminUsersPage(adminPage);
        await admin.GotoAsync(memberEmail);
        await Expect(admin.RoleSelect(memberEmail)).ToHaveTextAsync("Member");
        await app.ScreenshotAsync(adminPage, "admin-users");
        await admin.SetRoleAsync(memberEmail, "Operator");
        await adminPage.SetViewportSizeAsync(390, 844);
        await Expect(admin.RoleSelect(memberEmail)).ToBeVisibleAsync();
        await app.ScreenshotAsync(adminPage, "admin-users-narrow");

        // The member's open page follows: no reload, no new sign-in.
        await Expect(shares.RunButton).ToBeEnabledAsync();
        await Expect(shares.GenerateButton).ToBeEnabledAsync();
        await Expect(memberPage.GetByTestId("user-role")).ToHaveTextAsync("Operator");
        await memberPage.ExpectSameDocumentAsync();

        // And it may now do what the button promises.
        await shares.GenerateAsync(50);
        await Expect(shares.GenerateResult).ToContainTextAsync("Created 50");

        // Taking the role back disables the actions again, live.
        await admin.SetRoleAsync(memberEmail, "Member");
        await Expect(shares.RunButton).ToBeDisabledAsync();
        await memberPage.ExpectSameDocumentAsync();
    }

    [Fact]
    public async Task A_member_cannot_open_the_admin_page()
    {
        var (page, _) = await app.NewMemberPageAsync();
        await page.GotoAsync("/admin/users");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Users and roles", Exact = true })).ToHaveCountAsync(0);
        await Expect(page).ToHaveURLAsync(new Regex("/Account/AccessDenied"));
        await Expect(page.GetByText("This page needs the Admin role; you are a Member.")).ToBeVisibleAsync();
    }
}

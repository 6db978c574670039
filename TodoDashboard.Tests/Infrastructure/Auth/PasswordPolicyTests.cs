using Microsoft.AspNetCore.Identity;
using TodoDashboard.Data;
using TodoDashboard.Infrastructure.Auth;

namespace TodoDashboard.Tests.Infrastructure.Auth;

/// <summary>The password rules on their own: length, the common-password list and the account's own name.</summary>
[Trait("Category", "Unit")]
public class PasswordPolicyTests
{
    private static readonly ApplicationUser Ada = new() { UserName = "ada.lovelace@example.com", Email = "ada.lovelace@example.com" };

    [Theory]
    [InlineData("password")]
    [InlineData("PASSWORD")]
    [InlineData("  qwerty123  ")]
    [InlineData("password2024!")]
    [InlineData("!!Dragon99")]
    public void A_listed_password_is_common_in_any_case_and_padded_with_digits_or_symbols(string password) =>
        Assert.True(PasswordPolicyValidator.IsCommon(password));

    [Theory]
    [InlineData("correct horse battery staple")]
    [InlineData("Kettle-Marble-Orbit-7")]
    [InlineData("abc!")]
    public void An_unlisted_password_is_not_common_and_a_short_core_is_not_looked_up(string password) =>
        Assert.False(PasswordPolicyValidator.IsCommon(password));

    [Fact]
    public void The_list_holds_the_thirty_thousand_passwords_attackers_try_first() =>
        Assert.InRange(PasswordPolicyValidator.CommonPasswordCount, 25_000, 30_000);

    [Theory]
    [InlineData("ada.lovelace@example.com", "PasswordTooCommon")]
    [InlineData(" ADA.LOVELACE ", "PasswordTooCommon")]
    [InlineData("password2024!", "PasswordTooCommon")]
    [InlineData("Kettle-Marble-Orbit-7", null)]
    public async Task A_password_is_refused_when_it_is_common_or_the_accounts_own_name(string password, string? code) =>
        Assert.Equal(code, (await ValidateAsync(password)).Errors.SingleOrDefault()?.Code);

    [Fact]
    public async Task A_password_may_be_128_characters_and_no_longer()
    {
        Assert.True((await ValidateAsync(string.Concat(Enumerable.Repeat("Kettle-Marble-", 10))[..PasswordPolicyValidator.MaximumLength])).Succeeded);
        Assert.Equal("PasswordTooLong", (await ValidateAsync(new string('k', PasswordPolicyValidator.MaximumLength + 1))).Errors.Single().Code);
    }

    private static Task<IdentityResult> ValidateAsync(string password) => new PasswordPolicyValidator().ValidateAsync(null!, Ada, password);
}

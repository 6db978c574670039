using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using TodoDashboard.Data;

namespace TodoDashboard.Infrastructure.Auth;

/// <summary>Creates accounts as Admins, or promotes existing ones: Auth:Admins at start, the demo account, the create-admin command.</summary>
public sealed class AdminAccounts(UserManager<ApplicationUser> users)
{
    /// <summary>Promotes the account with this email to Admin, creating it (with this password, or a generated one) when there is none.</summary>
    /// <returns>The password of a new account (null when it existed), or the errors Identity reported.</returns>
    public async Task<(bool Created, string? Password, IReadOnlyList<string> Errors)> CreateOrPromoteAsync(string email, string? password = null)
    {
        var user = await users.FindByEmailAsync(email);
        var created = user is null;
        if (user is null)
        {
            password ??= GeneratePassword();
            user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true };
            var result = await users.CreateAsync(user, password);
            if (!result.Succeeded)
            {
                return (false, null, result.Errors.Select(e => e.Description).ToList());
            }
        }

        var promoted = await PromoteAsync(user);
        return (created, created ? password : null, promoted);
    }

    /// <summary>Makes an existing account an Admin, if there is one with this email.</summary>
    public async Task<bool> PromoteIfExistsAsync(string email)
    {
        var user = await users.FindByEmailAsync(email);
        return user is not null && (await PromoteAsync(user)).Count == 0;
    }

    private async Task<IReadOnlyList<string>> PromoteAsync(ApplicationUser user)
    {
        var missing = new[] { AppRoles.Member, AppRoles.Admin }.Except(await users.GetRolesAsync(user)).ToArray();
        var result = missing.Length == 0 ? IdentityResult.Success : await users.AddToRolesAsync(user, missing);
        return result.Errors.Select(e => e.Description).ToList();
    }

    // 20 random characters (about 117 bits), without ambiguous look-alikes.
    private static string GeneratePassword()
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789-_!";
        return RandomNumberGenerator.GetString(alphabet, 20);
    }
}

using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using TodoDashboard.Data;

namespace TodoDashboard.Infrastructure.Auth;

/// <summary>Every new account, however it registers (the page or /api/auth/register), is a Member; one named in Auth:Admins is also an Admin.</summary>
public sealed class AppUserManager(
    IUserStore<ApplicationUser> store,
    IOptions<IdentityOptions> optionsAccessor,
    IPasswordHasher<ApplicationUser> passwordHasher,
    IEnumerable<IUserValidator<ApplicationUser>> userValidators,
    IEnumerable<IPasswordValidator<ApplicationUser>> passwordValidators,
    ILookupNormalizer keyNormalizer,
    IdentityErrorDescriber errors,
    IServiceProvider services,
    ILogger<UserManager<ApplicationUser>> logger,
    IOptions<AuthOptions> auth)
    : UserManager<ApplicationUser>(store, optionsAccessor, passwordHasher, userValidators, passwordValidators, keyNormalizer, errors, services, logger)
{
    public override async Task<IdentityResult> CreateAsync(ApplicationUser user)
    {
        var created = await base.CreateAsync(user);
        if (!created.Succeeded)
        {
            return created;
        }

        // Should this fail, the account still counts as a Member (see UserAccessClaimsTransformation).
        return await AddToRolesAsync(user, auth.Value.IsConfiguredAdmin(user.Email) ? [AppRoles.Member, AppRoles.Admin] : [AppRoles.Member]);
    }

    /// <summary>
    /// Gives an account without one its first authenticator key. Unlike ResetAuthenticatorKeyAsync this keeps the
    /// security stamp: no session depended on a key that did not exist, and a new stamp would end the one showing the key.
    /// </summary>
    public async Task<string> GetOrCreateAuthenticatorKeyAsync(ApplicationUser user)
    {
        if (await GetAuthenticatorKeyAsync(user) is { Length: > 0 } key)
        {
            return key;
        }

        var store = (IUserAuthenticatorKeyStore<ApplicationUser>)Store;
        await store.SetAuthenticatorKeyAsync(user, GenerateNewAuthenticatorKey(), CancellationToken);
        await UpdateUserAsync(user);
        return (await GetAuthenticatorKeyAsync(user))!;
    }
}

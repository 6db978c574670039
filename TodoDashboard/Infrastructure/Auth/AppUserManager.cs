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
}

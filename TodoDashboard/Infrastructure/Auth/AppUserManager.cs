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

/// <summary>Records each successful sign-in (the admin page shows it), by the login page and by /api/auth/login alike.</summary>
public sealed class AppSignInManager(
    UserManager<ApplicationUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<ApplicationUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<ApplicationUser>> logger,
    Microsoft.AspNetCore.Authentication.IAuthenticationSchemeProvider schemes,
    IUserConfirmation<ApplicationUser> confirmation,
    TimeProvider clock)
    : SignInManager<ApplicationUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task SignInWithClaimsAsync(ApplicationUser user, Microsoft.AspNetCore.Authentication.AuthenticationProperties? authenticationProperties, IEnumerable<System.Security.Claims.Claim> additionalClaims)
    {
        user.LastSignInAt = clock.GetUtcNow();
        await UserManager.UpdateAsync(user);
        await base.SignInWithClaimsAsync(user, authenticationProperties, additionalClaims);
    }
}

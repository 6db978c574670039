using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using TodoDashboard.Data;

namespace TodoDashboard.Infrastructure.Auth;

/// <summary>
/// Sign-in as the login page and /api/auth/login share it: each success is recorded (the admin page shows it), a bearer
/// sign-in gets a fresh refresh-token id (<see cref="RefreshTokenStore"/>), and a password attempt costs one password
/// hash whether the account exists, is locked out or neither, so neither the answer nor its time tells which.
/// </summary>
public sealed class AppSignInManager(
    UserManager<ApplicationUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<ApplicationUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<ApplicationUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<ApplicationUser> confirmation,
    TimeProvider clock,
    UserAccessCache access,
    IAuthenticationHandlerProvider handlers)
    : SignInManager<ApplicationUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    private static string? _dummyHash;

    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var user = await UserManager.FindByNameAsync(userName);
        if (user is null)
        {
            HashAsIfChecked(password);
            return SignInResult.Failed;
        }

        // Identity answers a locked-out account before it hashes anything.
        if (await UserManager.IsLockedOutAsync(user))
        {
            HashAsIfChecked(password);
        }

        return await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
    }

    public override async Task SignInWithClaimsAsync(ApplicationUser user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        user.LastSignInAt = clock.GetUtcNow();
        await UserManager.UpdateAsync(user);
        if (AuthenticationScheme == IdentityConstants.BearerScheme)
        {
            additionalClaims = [.. additionalClaims, RefreshTokenStore.NewTokenId()];
        }

        await base.SignInWithClaimsAsync(user, authenticationProperties, additionalClaims);
    }

    /// <summary>
    /// Signs the user out of every browser and script: a new security stamp refuses every cookie and token issued
    /// before it, on every instance, from the next request (this one's cache is cleared at once; others hear the database's notification).
    /// </summary>
    public async Task SignOutEverywhereAsync(ClaimsPrincipal principal)
    {
        if (await UserManager.GetUserAsync(principal) is { } user)
        {
            await UserManager.UpdateSecurityStampAsync(user);
            access.Invalidate(user.Id);
        }

        await SignOutAsync();
    }

    /// <summary>
    /// After a change that renewed the user's security stamp (a new password, two-factor sign-in turned on or off): every
    /// other session ends, and this one gets a new cookie, at once on this instance.
    /// </summary>
    public async Task RefreshAfterStampChangeAsync(ApplicationUser user)
    {
        access.Invalidate(user.Id);
        // Not RefreshSignInAsync: it authenticates the cookie again, which UserAccessClaimsTransformation now refuses (its
        // stamp is the old one). The cookie handler's own result, untransformed, still has the session's properties
        // (remember me) and how it signed in, which the new cookie keeps as RefreshSignInAsync would.
        var handler = await handlers.GetHandlerAsync(Context, IdentityConstants.ApplicationScheme);
        var session = handler is null ? null : await handler.AuthenticateAsync();
        Claim[] kept = [.. new[] { ClaimTypes.AuthenticationMethod, "amr" }.Select(type => session?.Principal?.FindFirst(type)).OfType<Claim>()];
        await SignInWithClaimsAsync(user, session?.Properties, kept);
    }

    /// <summary>The same work as checking a password against a stored hash, for a check whose answer is already known.</summary>
    private void HashAsIfChecked(string password)
    {
        var hasher = UserManager.PasswordHasher;
        var dummy = new ApplicationUser();
        _dummyHash ??= hasher.HashPassword(dummy, Guid.NewGuid().ToString());
        hasher.VerifyHashedPassword(dummy, _dummyHash, password ?? "");
    }
}

using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using TodoDashboard.Data;

namespace TodoDashboard.Infrastructure.Auth;

/// <summary>
/// The sign-in API scripts use, in the shapes of Identity's MapIdentityApi (<c>{email, password}</c> →
/// <c>{tokenType, accessToken, expiresIn, refreshToken}</c>), but only what the product supports: the app sends no
/// e-mail, so there is no confirmation or password reset, and two-factor set-up is on the account pages (a script
/// signs in with the code); a script signs out with /logout.
/// </summary>
public static partial class AuthEndpoints
{
    public static RouteGroupBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/auth").WithTags("Auth");

        var anonymous = group.MapGroup("").AllowAnonymous();
        anonymous.MapPost("/register", RegisterAsync)
            .RequireRateLimiting(AuthRateLimits.Register)
            .RequireAccountRateLimit(AuthRateLimits.Register, c => c.GetArgument<CredentialsRequest>(0).Email);
        anonymous.MapPost("/login", LoginAsync)
            .RequireRateLimiting(AuthRateLimits.Login)
            .RequireAccountRateLimit(AuthRateLimits.Login, c => c.GetArgument<LoginRequest>(0).Email);
        // The account is the token's user, read in the handler once the token is unprotected.
        anonymous.MapPost("/refresh", RefreshAsync)
            .RequireRateLimiting(AuthRateLimits.Refresh);

        var signedIn = group.MapGroup("").RequireAuthorization();
        signedIn.MapPost("/logout", LogoutAsync)
            .RequireRateLimiting(AuthRateLimits.Account)
            .RequireAccountRateLimit(AuthRateLimits.Account, c => c.HttpContext.User.FindFirstValue(ClaimTypes.NameIdentifier));
        signedIn.MapGet("/manage/info", GetInfoAsync);
        return group;
    }

    public static async Task<Results<Ok, ValidationProblem>> RegisterAsync(CredentialsRequest request, UserManager<ApplicationUser> users)
    {
        var user = new ApplicationUser { UserName = request.Email, Email = request.Email };
        var result = await users.CreateAsync(user, request.Password);
        return result.Succeeded ? TypedResults.Ok() : TypedResults.ValidationProblem(ErrorsByField(result));
    }

    /// <summary>One answer for every failure (wrong password, unknown email, locked-out account), so it tells nothing about which emails exist.</summary>
    public static async Task<Results<Ok<AccessTokenResponse>, EmptyHttpResult, ProblemHttpResult>> LoginAsync(LoginRequest request, SignInManager<ApplicationUser> signIn)
    {
        signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
        var result = await signIn.PasswordSignInAsync(request.Email, request.Password, isPersistent: false, lockoutOnFailure: true);
        // As MapIdentityApi: the sign-in manager remembers the account the password named, for the second step in the same request.
        if (result.RequiresTwoFactor && !string.IsNullOrEmpty(request.TwoFactorCode))
        {
            result = await signIn.TwoFactorAuthenticatorSignInAsync(request.TwoFactorCode, isPersistent: false, rememberClient: false);
        }
        else if (result.RequiresTwoFactor && !string.IsNullOrEmpty(request.TwoFactorRecoveryCode))
        {
            result = await signIn.TwoFactorRecoveryCodeSignInAsync(request.TwoFactorRecoveryCode);
        }

        // On success the bearer handler has written the tokens.
        return result.Succeeded ? TypedResults.Empty
            : result.RequiresTwoFactor ? TypedResults.Problem(TwoFactorCodeNeeded())
            : TypedResults.Problem(SignInFailed());
    }

    /// <summary>A refresh token buys new tokens once: used again, it signs the account out everywhere.</summary>
    public static async Task<Results<Ok<AccessTokenResponse>, SignInHttpResult, ProblemHttpResult, TooManyAttemptsHttpResult>> RefreshAsync(
        RefreshAccountRequest request,
        AppSignInManager signIn,
        RefreshTokenStore refreshTokens,
        AccountRateLimiter accountLimits,
        IOptionsMonitor<BearerTokenOptions> bearerOptions,
        TimeProvider clock,
        ILoggerFactory loggers,
        CancellationToken ct)
    {
        var ticket = bearerOptions.Get(IdentityConstants.BearerScheme).RefreshTokenProtector.Unprotect(request.RefreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expiresAt || clock.GetUtcNow() >= expiresAt
            || ticket.Principal.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId
            || !Guid.TryParse(ticket.Principal.FindFirstValue(RefreshTokenStore.TokenIdClaim), out var tokenId))
        {
            return TypedResults.Problem(RefreshRefused());
        }

        if (accountLimits.TryAcquire(AuthRateLimits.Refresh, userId) is { } retryAfter)
        {
            return AuthRateLimits.TooManyAttempts(retryAfter);
        }

        if (await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { } user || await signIn.UserManager.IsLockedOutAsync(user))
        {
            return TypedResults.Problem(RefreshRefused());
        }

        if (!await refreshTokens.TryUseAsync(tokenId, userId, expiresAt, ct))
        {
            // Someone else has a copy of this token, maybe the one who used it first: end every session of the account.
            LogRefreshTokenReused(loggers.CreateLogger(typeof(AuthEndpoints)), userId);
            await signIn.SignOutEverywhereAsync(ticket.Principal);
            return TypedResults.Problem(RefreshRefused());
        }

        var principal = await signIn.CreateUserPrincipalAsync(user);
        RefreshTokenStore.AddNewTokenId(principal);
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }

    /// <summary>Ends every session of the account, this token or cookie and all others.</summary>
    public static async Task<NoContent> LogoutAsync(ClaimsPrincipal user, AppSignInManager signIn)
    {
        await signIn.SignOutEverywhereAsync(user);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<AccountInfoResponse>, NotFound>> GetInfoAsync(ClaimsPrincipal principal, UserManager<ApplicationUser> users)
    {
        if (await users.GetUserAsync(principal) is not { Email: { } email })
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(new AccountInfoResponse(
            email,
            principal.FindFirstValue(AppClaims.DisplayName) ?? ApplicationUser.DisplayNameOf(null, email),
            principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList()));
    }

    private static Microsoft.AspNetCore.Mvc.ProblemDetails SignInFailed() => new()
    {
        Status = StatusCodes.Status401Unauthorized,
        Title = "Sign-in failed.",
        Detail = "The email or password is wrong, or the account is locked for a few minutes after repeated failures.",
    };

    // Only a right password gets here, as on the sign-in page, which asks for the code next.
    private static Microsoft.AspNetCore.Mvc.ProblemDetails TwoFactorCodeNeeded() => new()
    {
        Status = StatusCodes.Status401Unauthorized,
        Title = "A two-factor code is needed.",
        Detail = "This account signs in with an authenticator app too: send its current code as twoFactorCode, or a recovery code as twoFactorRecoveryCode.",
    };

    private static Microsoft.AspNetCore.Mvc.ProblemDetails RefreshRefused() => new()
    {
        Status = StatusCodes.Status401Unauthorized,
        Title = "The refresh token is not valid.",
        Detail = "It has expired, was used already, or the account signed out: sign in again.",
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "A refresh token of user {UserId} was used twice: the account is signed out everywhere.")]
    private static partial void LogRefreshTokenReused(ILogger logger, string userId);

    // Identity's errors by the request field they are about, as every other validation problem names its fields.
    private static Dictionary<string, string[]> ErrorsByField(IdentityResult result) =>
        result.Errors
            .GroupBy(e => PasswordPolicyValidator.IsAboutNewPassword(e) ? nameof(CredentialsRequest.Password) : nameof(CredentialsRequest.Email))
            .ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray());
}

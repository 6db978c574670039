using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using TodoDashboard.Data;
using TodoDashboard.Infrastructure.Auth;

namespace TodoDashboard.Components.Account;

// The circuit's user: revalidated every 30 minutes as in the template, and at once whenever the database notifies that
// their access changed (UserAccessCache.Channel): a new role shows on their open pages without a new sign-in,
// and a locked-out account or a changed security stamp signs the circuit out.
internal sealed class IdentityRevalidatingAuthenticationStateProvider
    : RevalidatingServerAuthenticationStateProvider
{
    private readonly IServiceScopeFactory _scopeFactory;
    private readonly IOptions<IdentityOptions> _options;
    private readonly UserAccessCache _access;
    private readonly TimeProvider _clock;
    private readonly Lock _lock = new();
    private (string UserId, IDisposable Subscription)? _watch;

    public IdentityRevalidatingAuthenticationStateProvider(
        ILoggerFactory loggerFactory, IServiceScopeFactory scopeFactory, IOptions<IdentityOptions> options, UserAccessCache access, TimeProvider clock)
        : base(loggerFactory)
    {
        _scopeFactory = scopeFactory;
        _options = options;
        _access = access;
        _clock = clock;
        AuthenticationStateChanged += state => _ = WatchAsync(state);
    }

    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(30);

    protected override async Task<bool> ValidateAuthenticationStateAsync(
        AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        // Get the user manager from a new scope to ensure it fetches fresh data
        await using var scope = _scopeFactory.CreateAsyncScope();
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        return await ValidateSecurityStampAsync(userManager, authenticationState.User);
    }

    private async Task<bool> ValidateSecurityStampAsync(UserManager<ApplicationUser> userManager, ClaimsPrincipal principal)
    {
        var user = await userManager.GetUserAsync(principal);
        if (user is null)
        {
            return false;
        }
        else if (!userManager.SupportsUserSecurityStamp)
        {
            return true;
        }
        else
        {
            var principalStamp = principal.FindFirstValue(_options.Value.ClaimsIdentity.SecurityStampClaimType);
            var userStamp = await userManager.GetSecurityStampAsync(user);
            return principalStamp == userStamp;
        }
    }

    private async Task WatchAsync(Task<AuthenticationState> state)
    {
        var user = (await state).User;
        var userId = user.Identity?.IsAuthenticated == true ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null;
        lock (_lock)
        {
            if (_watch?.UserId == userId)
            {
                return;
            }

            _watch?.Subscription.Dispose();
            _watch = userId is null ? null : (userId, _access.Subscribe(userId, () => _ = RefreshAsync(userId)));
        }
    }

    private async Task RefreshAsync(string userId)
    {
        var current = (await GetAuthenticationStateAsync()).User;
        if (current.Identity is not ClaimsIdentity { IsAuthenticated: true } identity)
        {
            return;
        }

        var access = await _access.GetFreshAsync(userId);
        var stamp = current.FindFirstValue(_options.Value.ClaimsIdentity.SecurityStampClaimType);
        var signedOut = access is null || access.IsLockedOut(_clock.GetUtcNow()) || (stamp is not null && stamp != access.SecurityStamp);
        var principal = signedOut ? new ClaimsPrincipal(new ClaimsIdentity()) : UserAccessClaimsTransformation.WithAccess(identity, access!);
        SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            lock (_lock)
            {
                _watch?.Subscription.Dispose();
                _watch = null;
            }
        }

        base.Dispose(disposing);
    }
}

using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using TodoDashboard.Infrastructure.Auth;

namespace TodoDashboard.Components.Account;

// The circuit's user: revalidated every 30 minutes as in the template, and at once whenever the database notifies that
// their access changed (UserAccessCache.Channel): a new role shows on their open pages without a new sign-in,
// and a locked-out account or a changed security stamp signs the circuit out.
internal sealed class IdentityRevalidatingAuthenticationStateProvider
    : RevalidatingServerAuthenticationStateProvider
{
    private readonly IOptions<IdentityOptions> _options;
    private readonly UserAccessCache _access;
    private readonly TimeProvider _clock;
    private readonly Lock _lock = new();
    private (string UserId, IDisposable Subscription)? _watch;

    public IdentityRevalidatingAuthenticationStateProvider(
        ILoggerFactory loggerFactory, IOptions<IdentityOptions> options, UserAccessCache access, TimeProvider clock)
        : base(loggerFactory)
    {
        _options = options;
        _access = access;
        _clock = clock;
        AuthenticationStateChanged += state => _ = WatchAsync(state);
    }

    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(30);

    // The template's check, through the same rule as every request (UserAccess.Admits), read fresh from the database.
    protected override async Task<bool> ValidateAuthenticationStateAsync(
        AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        var user = authenticationState.User;
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var access = userId is null ? null : await _access.GetFreshAsync(userId, cancellationToken);
        return UserAccess.Admits(access, user.FindFirstValue(_options.Value.ClaimsIdentity.SecurityStampClaimType), _clock.GetUtcNow());
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
        var principal = UserAccess.Admits(access, stamp, _clock.GetUtcNow())
            ? UserAccessClaimsTransformation.WithAccess(identity, access!)
            : new ClaimsPrincipal(new ClaimsIdentity());
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

using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using TodoDashboard.Data;

namespace TodoDashboard.Infrastructure.Auth;

/// <summary>
/// Refresh tokens rotate: each carries an id (the <see cref="TokenIdClaim"/> claim, in the ticket the bearer handler
/// protects), and exchanging it records the id. A token used a second time was copied: whoever holds it, the account is
/// signed out everywhere (its security stamp changes), which ends every token issued from it, and the cookies too.
/// </summary>
public sealed class RefreshTokenStore(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public const string TokenIdClaim = "refresh_token_id";

    /// <summary>A fresh id for the refresh token about to be issued with this principal's claims.</summary>
    public static Claim NewTokenId() => new(TokenIdClaim, Guid.NewGuid().ToString("N"));

    public static void AddNewTokenId(ClaimsPrincipal principal)
    {
        var identity = (ClaimsIdentity)principal.Identity!;
        foreach (var old in identity.FindAll(TokenIdClaim).ToList())
        {
            identity.RemoveClaim(old);
        }

        identity.AddClaim(NewTokenId());
    }

    /// <summary>Records the token as used; false when it already was (a reuse).</summary>
    public async Task<bool> TryUseAsync(Guid tokenId, string userId, DateTimeOffset expiresAt, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var inserted = await db.Database.ExecuteSqlAsync(
            $"""INSERT INTO used_refresh_tokens (id, user_id, expires_at) VALUES ({tokenId}, {userId}, {expiresAt}) ON CONFLICT (id) DO NOTHING""", ct);
        // Ids of expired tokens need no keeping: such a token is refused for its expiry alone.
        await db.Database.ExecuteSqlAsync($"""DELETE FROM used_refresh_tokens WHERE expires_at < {clock.GetUtcNow()}""", ct);
        return inserted == 1;
    }
}

namespace TodoDashboard.Infrastructure.Auth;

/// <summary>A refresh token that has been exchanged once, kept until it would have expired so a second use is recognised.</summary>
public sealed class UsedRefreshToken
{
    public Guid Id { get; set; }

    public string UserId { get; set; } = "";

    public DateTimeOffset ExpiresAt { get; set; }
}

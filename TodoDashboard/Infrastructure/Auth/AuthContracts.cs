using System.ComponentModel.DataAnnotations;

namespace TodoDashboard.Infrastructure.Auth;

/// <summary>What /register and /login read: an email and a password (Identity's RegisterRequest and LoginRequest, checked).</summary>
public sealed record CredentialsRequest
{
    [Required]
    [AccountEmail]
    public string Email { get; set; } = "";

    [Required]
    public string Password { get; set; } = "";
}

/// <summary>What /login reads: the credentials, and for an account with two-factor sign-in its authenticator code or a recovery code (Identity's LoginRequest).</summary>
public sealed record LoginRequest
{
    [Required]
    [AccountEmail]
    public string Email { get; set; } = "";

    [Required]
    public string Password { get; set; } = "";

    [StringLength(16)]
    public string? TwoFactorCode { get; set; }

    [StringLength(32)]
    public string? TwoFactorRecoveryCode { get; set; }
}

public sealed record RefreshAccountRequest
{
    [Required]
    public string RefreshToken { get; set; } = "";
}

/// <summary>The signed-in account: what /api/auth/manage/info answers.</summary>
public sealed record AccountInfoResponse(string Email, string DisplayName, IReadOnlyList<string> Roles);

using System.ComponentModel.DataAnnotations;

namespace TodoDashboard.Components.Account;

/// <summary>A code from an authenticator app, as the set-up and sign-in forms read it: six digits, spaces and hyphens allowed.</summary>
public class AuthenticatorCodeInput
{
    [Required]
    [RegularExpression(@"^[\d\s-]{6,9}$", ErrorMessage = "The code is the six digits the app shows.")]
    [Display(Name = "Code")]
    public string Code { get; set; } = "";

    public string Normalized => Code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
}

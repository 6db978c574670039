using System.Collections.Frozen;
using Microsoft.AspNetCore.Identity;
using TodoDashboard.Data;

namespace TodoDashboard.Infrastructure.Auth;

/// <summary>
/// Passwords as OWASP ASVS 4.0.3 V2.1 asks: at least 12 characters, at most 128, no composition rules, and not one that
/// attackers try first. The list is zxcvbn's 30,000 most common passwords (from breach corpora), embedded in the
/// zxcvbn-core package (MIT); a password is refused when it is on it, ignoring case, or is one of them padded with
/// digits and symbols ("password2024!").
/// </summary>
public sealed class PasswordPolicyValidator : IPasswordValidator<ApplicationUser>
{
    public const int MinimumLength = 12;
    public const int MaximumLength = 128;

    /// <summary>What this validator adds to Identity's own options, for the forms' list of rules (PasswordRules.razor).</summary>
    public static IReadOnlyList<string> Rules { get; } = ["not one of the commonly used passwords, nor your email"];

    /// <summary>An error about a new password (too short, too common…), as Identity's codes and this validator's say; a wrong current password is PasswordMismatch.</summary>
    public static bool IsAboutNewPassword(IdentityError error) =>
        error.Code.StartsWith("Password", StringComparison.Ordinal) && error.Code != nameof(IdentityErrorDescriber.PasswordMismatch);

    private const string ListResource = "zxcvbn-core.Dictionaries.passwords.lst";

    private static readonly Lazy<FrozenSet<string>> CommonPasswords = new(LoadCommonPasswords);

    /// <summary>How many passwords the list holds.</summary>
    public static int CommonPasswordCount => CommonPasswords.Value.Count;

    public Task<IdentityResult> ValidateAsync(UserManager<ApplicationUser> manager, ApplicationUser user, string? password)
    {
        if (password is null)
        {
            return Task.FromResult(IdentityResult.Success);
        }

        if (password.Length > MaximumLength)
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError
            {
                Code = "PasswordTooLong",
                Description = $"Passwords must be at most {MaximumLength} characters.",
            }));
        }

        return Task.FromResult(IsCommon(password) || IsAccountName(password, user)
            ? IdentityResult.Failed(new IdentityError
            {
                Code = "PasswordTooCommon",
                Description = "This password is on a list of commonly used passwords, or is your email: choose another.",
            })
            : IdentityResult.Success);
    }

    public static bool IsCommon(string password)
    {
        var list = CommonPasswords.Value;
        var lower = password.Trim().ToLowerInvariant();
        if (list.Contains(lower))
        {
            return true;
        }

        var core = lower.AsSpan().Trim("0123456789 !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~");
        return core.Length >= 4 && list.GetAlternateLookup<ReadOnlySpan<char>>().Contains(core);
    }

    private static bool IsAccountName(string password, ApplicationUser user) =>
        user.Email is { Length: > 0 } email
        && (string.Equals(password.Trim(), email, StringComparison.OrdinalIgnoreCase)
            || string.Equals(password.Trim(), email.Split('@')[0], StringComparison.OrdinalIgnoreCase));

    private static FrozenSet<string> LoadCommonPasswords()
    {
        var assembly = typeof(Zxcvbn.Zxcvbn).Assembly;
        using var stream = assembly.GetManifestResourceStream(ListResource)
            ?? throw new InvalidOperationException($"zxcvbn-core no longer embeds {ListResource}: the common-password check needs a list.");
        using var reader = new StreamReader(stream);
        var passwords = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Trim() is { Length: > 0 } entry)
            {
                passwords.Add(entry.ToLowerInvariant());
            }
        }

        return passwords.ToFrozenSet(StringComparer.Ordinal);
    }
}

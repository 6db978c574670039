using System.ComponentModel.DataAnnotations;
using System.Text;

namespace TodoDashboard.Infrastructure.Auth;

/// <summary>
/// An email that can be an account's name: at most <see cref="MaxLength"/> characters (the Identity columns' size),
/// an address by <see cref="EmailAddressAttribute"/>, and text Identity's normalizer accepts (no control characters,
/// lone surrogates or noncharacters such as U+FFFE, on which string.Normalize throws). Null is left to [Required].
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class AccountEmailAttribute() : ValidationAttribute($"The {{0}} field must be an email address of at most {MaxLength} characters.")
{
    public const int MaxLength = 256;

    private static readonly EmailAddressAttribute Address = new();

    public override bool IsValid(object? value) => value switch
    {
        null => true,
        string email => email.Length <= MaxLength && IsWellFormedText(email) && Address.IsValid(email),
        _ => false,
    };

    private static bool IsWellFormedText(string text)
    {
        var rest = text.AsSpan();
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out var rune, out var consumed) != System.Buffers.OperationStatus.Done
                || Rune.IsControl(rune) || IsNoncharacter(rune.Value))
            {
                return false;
            }

            rest = rest[consumed..];
        }

        return true;
    }

    private static bool IsNoncharacter(int codePoint) =>
        codePoint is >= 0xFDD0 and <= 0xFDEF || (codePoint & 0xFFFE) == 0xFFFE;
}

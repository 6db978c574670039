using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace TodoDashboard.Infrastructure.Validation;

/// <summary>
/// A string bound for a varchar(<c>maxLength</c>) column: it passes <see cref="InputPolicy"/> and holds at most
/// <c>maxLength</c> characters as the column counts them (code points); null passes. The API's validation and the
/// pages' DataAnnotationsValidator both run it, so a pasted NUL is refused on the form as in the API.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class StoredTextAttribute(int maxLength) : ValidationAttribute("The {0} field is at most {1} characters.")
{
    public int MaxLength { get; } = maxLength;

    public override bool IsValid(object? value) => value is not string text || (InputPolicy.Refusal(text) is null && InputPolicy.Length(text) <= MaxLength);

    public override string FormatErrorMessage(string name) => string.Format(CultureInfo.CurrentCulture, ErrorMessageString, name, MaxLength);

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        if (value is not string text)
        {
            return ValidationResult.Success;
        }

        var members = validationContext.MemberName is { } member ? new[] { member } : null;
        return InputPolicy.Refusal(text) is { } refusal
            ? new ValidationResult($"The {validationContext.DisplayName} field {refusal}.", members)
            : InputPolicy.Length(text) > MaxLength ? new ValidationResult(FormatErrorMessage(validationContext.DisplayName), members) : ValidationResult.Success;
    }
}

using System.ComponentModel.DataAnnotations;

namespace TodoDashboard.Features.Customers.Components;

/// <summary>Required while the form's "has an address" switch is on.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class RequiredWithAddressAttribute() : ValidationAttribute("An address needs a {0}.")
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        validationContext.ObjectInstance is CustomerForm { HasAddress: true } && string.IsNullOrWhiteSpace(value as string)
            ? new ValidationResult(FormatErrorMessage(validationContext.DisplayName.ToLowerInvariant()), [validationContext.MemberName!])
            : ValidationResult.Success;
}

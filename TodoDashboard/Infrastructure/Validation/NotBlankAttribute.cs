using System.ComponentModel.DataAnnotations;

namespace TodoDashboard.Infrastructure.Validation;

/// <summary>Null is allowed (the field is left unchanged); an empty or whitespace-only string is not.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class NotBlankAttribute() : ValidationAttribute("The {0} field cannot be blank.")
{
    public override bool IsValid(object? value) => value is not string text || !string.IsNullOrWhiteSpace(text);
}

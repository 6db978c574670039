using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace TodoDashboard.Features.Customers;

/// <summary>
/// A birthday someone can have: from <see cref="Earliest"/> to today (UTC), or none. On a <see cref="DateOnly"/> (the
/// API's request) or a <see cref="DateTime"/> (the dialog's date picker), so both refuse the same dates in the same words.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class BirthdayAttribute() : ValidationAttribute("The {0} must be a date from 1900-01-01 to today.")
{
    public static readonly DateOnly Earliest = new(1900, 1, 1);

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        DateOnly? day = value switch
        {
            DateOnly date => date,
            DateTime time => DateOnly.FromDateTime(time),
            _ => null,
        };
        var clock = validationContext.GetService(typeof(TimeProvider)) as TimeProvider ?? TimeProvider.System;
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return day is not { } born || (born >= Earliest && born <= today)
            ? ValidationResult.Success
            : new ValidationResult(
                FormatErrorMessage(validationContext.DisplayName.ToLower(CultureInfo.InvariantCulture)),
                validationContext.MemberName is { } member ? [member] : null);
    }
}

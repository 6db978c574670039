using System.ComponentModel.DataAnnotations;
using System.Globalization;
using TodoDashboard.Components;
using TodoDashboard.Infrastructure.Validation;

namespace TodoDashboard.Features.Customers.Components;

/// <summary>
/// The add/edit dialog's fields: a <see cref="CustomerRequest"/> with settable properties, field names people read,
/// and the address flattened behind a switch (all five of its fields are required once it is on).
/// </summary>
public sealed class CustomerForm
{
    [Required, StoredText(Customer.NameMaxLength), Display(Name = "First name")]
    public string? FirstName { get; set; }

    [Required, StoredText(Customer.NameMaxLength), Display(Name = "Last name")]
    public string? LastName { get; set; }

    public Gender Gender { get; set; }

    [Required, StoredText(Customer.CustomerIdMaxLength), Display(Name = "Customer id")]
    public string? CustomerId { get; set; }

    [RegularExpression(Customer.PhonePattern, ErrorMessage = "8 to 15 digits, optionally after a '+', not starting with 0.")]
    [Display(Name = "Phone")]
    public string? PhoneNumber { get; set; }

    [Birthday]
    public DateTime? Birthday { get; set; }

    [Range(0, int.MaxValue)]
    public int Points { get; set; }

    [Display(Name = "Last activity")]
    public DateTime? LastActivity { get; set; }

    public bool HasAddress { get; set; }

    [RequiredWithAddress, StoredText(CustomerAddress.StreetMaxLength)]
    public string? Street { get; set; }

    [RequiredWithAddress, StoredText(CustomerAddress.ShortMaxLength), Display(Name = "Number")]
    public string? StreetNumber { get; set; }

    [RequiredWithAddress, StoredText(CustomerAddress.ShortMaxLength), Display(Name = "City code")]
    public string? CityCode { get; set; }

    [RequiredWithAddress, StoredText(Customer.NameMaxLength)]
    public string? City { get; set; }

    [RequiredWithAddress, StoredText(Customer.NameMaxLength)]
    public string? Country { get; set; }

    public static CustomerForm From(CustomerResponse c) => new()
    {
        FirstName = c.FirstName,
        LastName = c.LastName,
        Gender = c.Gender,
        CustomerId = c.CustomerId,
        PhoneNumber = c.PhoneNumber,
        Birthday = c.Birthday?.ToDateTime(TimeOnly.MinValue),
        Points = c.Relationship.Points,
        LastActivity = c.Relationship.LastActivity?.Date,
        HasAddress = c.Address is not null,
        Street = c.Address?.Street,
        StreetNumber = c.Address?.StreetNumber,
        CityCode = c.Address?.CityCode,
        City = c.Address?.City,
        Country = c.Address?.Country,
    };

    /// <summary>The fields as a conflict shows them, labelled as the form labels them.</summary>
    public IReadOnlyList<EditConflict.Field> Fields() =>
    [
        new("First name", FirstName),
        new("Last name", LastName),
        new("Customer id", CustomerId),
        new("Gender", CustomerLabels.GenderName(Gender)),
        new("Phone", PhoneNumber),
        new("Birthday", Birthday?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        new("Points", Points.ToString("N0", CultureInfo.InvariantCulture)),
        new("Last activity", LastActivity?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        new("Address", HasAddress ? $"{Street} {StreetNumber}, {CityCode} {City}, {Country}" : null),
    ];

    /// <summary>The request to send. The picker edits a date: a last activity on the same day as before keeps its time.</summary>
    public CustomerRequest ToRequest(DateTime? lastActivityBefore) => new()
    {
        FirstName = FirstName,
        LastName = LastName,
        Gender = Gender,
        CustomerId = CustomerId,
        PhoneNumber = string.IsNullOrWhiteSpace(PhoneNumber) ? null : PhoneNumber.Trim(),
        Birthday = Birthday is { } born ? DateOnly.FromDateTime(born) : null,
        Points = Points,
        LastActivity = LastActivity is not { } day ? null
            : lastActivityBefore is { } before && before.Date == day.Date ? before
            : DateTime.SpecifyKind(day.Date, DateTimeKind.Utc),
        Address = HasAddress ? new CustomerAddressDto(Street!, StreetNumber!, CityCode!, City!, Country!) : null,
    };
}

using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using TodoDashboard.Infrastructure.Concurrency;
using TodoDashboard.Infrastructure.Validation;

namespace TodoDashboard.Features.Customers;

/// <summary>
/// A customer search: the original demo's filters, sort and page size. Text filters match whole values, ignoring case;
/// "after"/"from" bounds are inclusive (≥) and "before" bounds are inclusive (≤).
/// </summary>
public sealed record CustomerQuery
{
    public const int MaxPageSize = 100;

    public string? Search { get; init; }

    public string? FirstName { get; init; }

    public string? LastName { get; init; }

    public string? CustomerId { get; init; }

    public string? PhoneNumber { get; init; }

    public Gender? Gender { get; init; }

    public string? Country { get; init; }

    public string? City { get; init; }

    public string? CityCode { get; init; }

    public string? Street { get; init; }

    public string? StreetNumber { get; init; }

    public bool? HasAddress { get; init; }

    public int? MinPoints { get; init; }

    public int? MaxPoints { get; init; }

    public DateOnly? BirthdayAfter { get; init; }

    public DateOnly? BirthdayBefore { get; init; }

    public DateTime? CreatedAfter { get; init; }

    public DateTime? CreatedBefore { get; init; }

    public DateTime? ActiveFrom { get; init; }

    public DateTime? ActiveBefore { get; init; }

    public CustomerSort SortBy { get; init; } = CustomerSort.Created;

    public bool Descending { get; init; }

    public int PageSize { get; init; } = 20;
}

public sealed record CustomerAddressDto(
    [property: Required, NotBlank, StoredText(CustomerAddress.StreetMaxLength)] string Street,
    [property: Required, NotBlank, StoredText(CustomerAddress.ShortMaxLength)] string StreetNumber,
    [property: Required, NotBlank, StoredText(CustomerAddress.ShortMaxLength)] string CityCode,
    [property: Required, NotBlank, StoredText(Customer.NameMaxLength)] string City,
    [property: Required, NotBlank, StoredText(Customer.NameMaxLength)] string Country);

public sealed record CustomerRelationshipDto(int Points, DateTime Created, DateTime? LastActivity);

/// <summary>A customer; <see cref="Version"/> is its ETag, to send back in If-Match.</summary>
public sealed record CustomerResponse(
    long Id,
    string FirstName,
    string LastName,
    [property: JsonConverter(typeof(GenderJsonConverter))] Gender Gender,
    string CustomerId,
    string? PhoneNumber,
    DateOnly? Birthday,
    DateTime Created,
    DateTime LastUpdated,
    CustomerAddressDto? Address,
    CustomerRelationshipDto Relationship,
    uint Version) : IVersioned
{
    public static CustomerResponse From(Customer c) => new(
        c.Id, c.FirstName, c.LastName, c.Gender, c.CustomerId, c.PhoneNumber, c.Birthday, c.Created, c.LastUpdated,
        c.Address is { } a ? new CustomerAddressDto(a.Street, a.StreetNumber, a.CityCode, a.City, a.Country) : null,
        new CustomerRelationshipDto(c.Relationship.Points, c.Relationship.Created, c.Relationship.LastActivity),
        c.Version);
}

/// <summary>How the server answered: its own time, the SQL statements it ran, and whether the page came from the cache.</summary>
public sealed record QueryPerformance(double ElapsedMs, int QueryCount, bool Cached);

/// <summary>
/// A keyset page. <see cref="Next"/> and <see cref="Previous"/> are opaque cursors to pass back as <c>cursor</c>
/// (null at either end). There is no exact count: <see cref="EstimatedTotal"/> is PostgreSQL's planner estimate.
/// </summary>
public sealed record CustomerPage(
    IReadOnlyList<CustomerResponse> Results,
    string? Next,
    string? Previous,
    long EstimatedTotal,
    QueryPerformance Performance)
{
    public bool TotalIsEstimate => true;
}

/// <summary>How many customers there are: exact, or PostgreSQL's estimate.</summary>
public sealed record CustomerCount(long Count, bool Exact);

/// <summary>The naive listing: OFFSET paging with an exact COUNT(*).</summary>
public sealed record NaiveCustomerPage(
    IReadOnlyList<CustomerResponse> Results,
    int Count,
    int Page,
    int PageSize,
    QueryPerformance Performance);

/// <summary>Create or replace a customer. Points and last activity make up the relationship.</summary>
public sealed record CustomerRequest
{
    [Required, NotBlank, StoredText(Customer.NameMaxLength)]
    public string? FirstName { get; init; }

    [Required, NotBlank, StoredText(Customer.NameMaxLength)]
    public string? LastName { get; init; }

    [JsonConverter(typeof(GenderJsonConverter))]
    public Gender Gender { get; init; } = Gender.Undefined;

    [Required, NotBlank, StoredText(Customer.CustomerIdMaxLength)]
    public string? CustomerId { get; init; }

    [RegularExpression(Customer.PhonePattern, ErrorMessage = "The phone number must be 8 to 15 digits, optionally after a '+', not starting with 0.")]
    public string? PhoneNumber { get; init; }

    [Birthday]
    public DateOnly? Birthday { get; init; }

    public CustomerAddressDto? Address { get; init; }

    [Range(0, int.MaxValue)]
    public int Points { get; init; }

    public DateTime? LastActivity { get; init; }
}

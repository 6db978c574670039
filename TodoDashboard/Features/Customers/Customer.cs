namespace TodoDashboard.Features.Customers;

/// <summary>
/// A customer of the original demo's CRM (its table app_user). The address is optional and the relationship is one per
/// customer; both live in the customer's row (owned types), so every sort key and filter is a column of one table
/// with its own index, and keyset paging never crosses a join.
/// </summary>
public class Customer
{
    public const int NameMaxLength = 128;
    public const int CustomerIdMaxLength = 64;
    public const int PhoneMaxLength = 20;

    /// <summary>The original demo's create rule: an international number, optional "+", no leading zero, 8 to 15 digits.</summary>
    public const string PhonePattern = @"^\+?[1-9]\d{7,14}$";

    public long Id { get; set; }

    public required string FirstName { get; set; }

    public required string LastName { get; set; }

    public Gender Gender { get; set; }

    /// <summary>The business identifier, unique; generated customers get "C" and nine digits.</summary>
    public required string CustomerId { get; set; }

    public string? PhoneNumber { get; set; }

    public DateOnly? Birthday { get; set; }

    public DateTime Created { get; set; }

    public DateTime LastUpdated { get; set; }

    /// <summary>PostgreSQL's xmin: changes with every write of the row, so it is the customer's version (its ETag).</summary>
    public uint Version { get; set; }

    public CustomerAddress? Address { get; set; }

    public CustomerRelationship Relationship { get; set; } = new();
}

namespace TodoDashboard.Features.Customers;

/// <summary>The original demo's sort keys; each is backed by a (key, id) index.</summary>
public enum CustomerSort
{
    Created,
    FullName,
    FirstName,
    LastName,
    CustomerId,
    City,
    Country,
    Points,
    LastActivity,
    LastUpdated,
}

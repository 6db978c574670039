using TodoDashboard.Features.Customers;

namespace TodoDashboard.Tests.Features.Customers;

/// <summary>Request bodies for the customer write endpoints: a valid new customer, and the request that rewrites a stored one.</summary>
internal static class CustomerRequests
{
    public static object NewCustomer(string customerId, string firstName = "Ada", string? phone = "+4366012345678", object? address = null) => new
    {
        firstName,
        lastName = "Lovelace",
        gender = "female",
        customerId,
        phoneNumber = phone,
        birthday = "1990-12-10",
        address,
        points = 120,
    };

    public static CustomerRequest Request(Customer c) => new()
    {
        FirstName = c.FirstName,
        LastName = c.LastName,
        Gender = c.Gender,
        CustomerId = c.CustomerId,
        PhoneNumber = c.PhoneNumber,
        Birthday = c.Birthday,
        Address = c.Address is { } a ? new CustomerAddressDto(a.Street, a.StreetNumber, a.CityCode, a.City, a.Country) : null,
        Points = c.Relationship.Points,
        LastActivity = c.Relationship.LastActivity,
    };
}

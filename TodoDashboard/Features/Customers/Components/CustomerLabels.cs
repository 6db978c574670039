namespace TodoDashboard.Features.Customers.Components;

/// <summary>How the page names sort keys and genders.</summary>
public static class CustomerLabels
{
    public static string SortName(CustomerSort sort) => sort switch
    {
        CustomerSort.FullName => "Name",
        CustomerSort.FirstName => "First name",
        CustomerSort.LastName => "Last name",
        CustomerSort.CustomerId => "Customer id",
        CustomerSort.LastActivity => "Last activity",
        CustomerSort.LastUpdated => "Last updated",
        _ => sort.ToString(),
    };

    public static string GenderName(Gender gender) => gender switch
    {
        Gender.Male => "Male",
        Gender.Female => "Female",
        Gender.NonBinary => "Non-binary",
        _ => "Undefined",
    };
}

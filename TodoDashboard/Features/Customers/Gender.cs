namespace TodoDashboard.Features.Customers;

public enum Gender
{
    Undefined,
    Male,
    Female,
    NonBinary,
}

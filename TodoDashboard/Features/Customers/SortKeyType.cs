namespace TodoDashboard.Features.Customers;

public enum SortKeyType
{
    Text,
    Number,
    Timestamp,
}

namespace TodoDashboard.Features.Customers;

public sealed record CustomerWriteResult(CustomerWriteStatus Status, CustomerResponse? Customer = null);

namespace TodoDashboard.Features.Customers;

public class CustomerRelationship
{
    public int Points { get; set; }

    public DateTime Created { get; set; }

    public DateTime? LastActivity { get; set; }
}

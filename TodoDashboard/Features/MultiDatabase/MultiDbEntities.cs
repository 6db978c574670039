namespace TodoDashboard.Features.MultiDatabase;

/// <summary>A row of the users database.</summary>
public class MdbUser
{
    public int Id { get; set; }

    public required string Name { get; set; }

    public required string Email { get; set; }

    public Guid RunId { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>A row of the products database.</summary>
public class MdbProduct
{
    public int Id { get; set; }

    public required string Name { get; set; }

    public decimal Price { get; set; }

    public Guid RunId { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>A row of the orders database. Its user and product live in the other two databases: the app checks them.</summary>
public class MdbOrder
{
    public int Id { get; set; }

    public int UserId { get; set; }

    public int ProductId { get; set; }

    public int Quantity { get; set; }

    public Guid RunId { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>A stored run (in the app's own database): who ran what, when, and the full result.</summary>
public class MultiDbRun
{
    public Guid Id { get; set; }

    public required string StartedBy { get; set; }

    public required string Kind { get; set; }

    public DateTime CreatedAt { get; set; }

    public double ElapsedMs { get; set; }

    public required string Result { get; set; }
}

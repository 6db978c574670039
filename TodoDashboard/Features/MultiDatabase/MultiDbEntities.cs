namespace TodoDashboard.Features.MultiDatabase;

/// <summary>
/// What the three databases' rows share: the run that inserted the row and its number in that run's batch, together
/// the row's natural key (unique in each database), so a step redone after a crash finds its rows instead of
/// inserting them twice.
/// </summary>
public interface IMultiDbRow
{
    int Id { get; }

    Guid RunId { get; }

    /// <summary>The row's number in its run's batch; null for rows inserted before the number was kept.</summary>
    int? RowNumber { get; }
}

/// <summary>A row of the users database.</summary>
public class MdbUser : IMultiDbRow
{
    public int Id { get; set; }

    public required string Name { get; set; }

    public required string Email { get; set; }

    public Guid RunId { get; set; }

    public int? RowNumber { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>A row of the products database.</summary>
public class MdbProduct : IMultiDbRow
{
    public int Id { get; set; }

    public required string Name { get; set; }

    public decimal Price { get; set; }

    public Guid RunId { get; set; }

    public int? RowNumber { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>A row of the orders database. Its user and product live in the other two databases: the app checks them.</summary>
public class MdbOrder : IMultiDbRow
{
    public int Id { get; set; }

    public int UserId { get; set; }

    public int ProductId { get; set; }

    public int Quantity { get; set; }

    public Guid RunId { get; set; }

    public int? RowNumber { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>A stored run (in the app's own database): who ran what, when, and the full result.</summary>
public class MultiDbRun
{
    public Guid Id { get; set; }

    public required string StartedBy { get; set; }

    public MultiDbRunKind Kind { get; set; }

    public DateTime CreatedAt { get; set; }

    public double ElapsedMs { get; set; }

    public required string Result { get; set; }
}

/// <summary>The seed's dataset, a batch of the caller's rows, or generated rows (a background run); camelCase in JSON.</summary>
public enum MultiDbRunKind
{
    Default,
    Custom,
    Scale,
}

namespace TodoDashboard.Infrastructure.Validation;

/// <summary>Paging bounds shared by every OFFSET listing: OFFSET (page - 1) × pageSize stays far inside an int and a sane depth.</summary>
public static class Paging
{
    /// <summary>With page sizes up to 500, OFFSET stays below 50,000,000 rows.</summary>
    public const int MaxPage = 100_000;
}

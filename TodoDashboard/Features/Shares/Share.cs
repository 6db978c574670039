namespace TodoDashboard.Features.Shares;

public class Share
{
    public const int NameMaxLength = 100;

    /// <summary>Prices, amounts and history are numeric(10,2): at most eight digits before the point, two after.</summary>
    public const int PricePrecision = 10;

    public const int PriceScale = 2;

    /// <summary>The largest price numeric(10,2) holds.</summary>
    public const decimal MaxPrice = 99_999_999.99m;

    public int Id { get; set; }

    public required string Name { get; set; }

    public decimal Price { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}

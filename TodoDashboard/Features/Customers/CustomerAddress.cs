namespace TodoDashboard.Features.Customers;

public class CustomerAddress
{
    public const int StreetMaxLength = 256;
    public const int ShortMaxLength = 16;

    public required string Street { get; set; }

    public required string StreetNumber { get; set; }

    public required string CityCode { get; set; }

    public required string City { get; set; }

    public required string Country { get; set; }
}

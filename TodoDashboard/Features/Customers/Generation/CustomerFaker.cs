using Bogus;
using BogusGender = Bogus.DataSets.Name.Gender;

namespace TodoDashboard.Features.Customers.Generation;

/// <summary>
/// Realistic fake customers in the original demo's proportions. Bogus's plain API with one seeded randomizer: a
/// <c>Faker&lt;T&gt;</c> with rules costs reflection per row, which at millions of rows is most of the time.
/// </summary>
public sealed class CustomerFaker
{
    public const double AddressShare = 0.30;
    public const double ActiveShare = 0.80;
    public const double PhoneShare = 0.95;
    public const int MaxPoints = 50_000;
    public const int MaxActivityDaysAgo = 1095;
    public const int FirstBirthYear = 1940;
    public const int LastBirthYear = 2005;
    public const int CreatedWithinDays = 5 * 365;

    public static IReadOnlyList<string> PhonePrefixes { get; } = ["+43", "+49", "+33", "+39", "+34"];

    private static readonly DateOnly FirstBirthday = new(FirstBirthYear, 1, 1);
    private static readonly int BirthdayDays = new DateOnly(LastBirthYear, 12, 31).DayNumber - FirstBirthday.DayNumber;

    private readonly Faker _faker;
    private readonly DateTime _now;

    /// <param name="seed">The same seed and <paramref name="now"/> give the same customers.</param>
    /// <param name="now">The generation's "now", UTC: every date falls before it.</param>
    public CustomerFaker(int seed, DateTime now)
    {
        _faker = new Faker("en") { Random = new Randomizer(seed) };
        _now = now;
    }

    public Customer Next(long number)
    {
        var f = _faker;
        var random = f.Random;
        var gender = random.Double() switch
        {
            < 0.47 => Gender.Male,
            < 0.94 => Gender.Female,
            < 0.97 => Gender.NonBinary,
            _ => Gender.Undefined,
        };
        var created = _now - TimeSpan.FromDays(random.Double() * CreatedWithinDays);
        var active = random.Double() < ActiveShare;
        return new Customer
        {
            FirstName = gender switch
            {
                Gender.Male => f.Name.FirstName(BogusGender.Male),
                Gender.Female => f.Name.FirstName(BogusGender.Female),
                _ => f.Name.FirstName(),
            },
            LastName = f.Name.LastName(),
            Gender = gender,
            CustomerId = CustomerGenerationRunResponse.CustomerIdFor(number),
            PhoneNumber = random.Double() < PhoneShare
                ? PhonePrefixes[random.Int(0, PhonePrefixes.Count - 1)] + random.Int(0, 999_999_999).ToString("D9", System.Globalization.CultureInfo.InvariantCulture)
                : null,
            Birthday = FirstBirthday.AddDays(random.Int(0, BirthdayDays)),
            Created = created,
            LastUpdated = created + ((_now - created) * random.Double()),
            Address = random.Double() < AddressShare
                ? new CustomerAddress
                {
                    Street = f.Address.StreetName(),
                    StreetNumber = f.Address.BuildingNumber(),
                    CityCode = f.Address.ZipCode("#####"),
                    City = f.Address.City(),
                    Country = f.Address.Country(),
                }
                : null,
            Relationship = new CustomerRelationship
            {
                Created = created,
                Points = active ? random.Int(0, MaxPoints) : 0,

                // Activity falls after the relationship began, so a customer created yesterday was last active since.
                LastActivity = active ? Max(created, _now - TimeSpan.FromDays(random.Double(1, MaxActivityDaysAgo))) : null,
            },
        };
    }

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;
}

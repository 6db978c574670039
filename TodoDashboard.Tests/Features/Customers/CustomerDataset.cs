using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TodoDashboard.Data;
using TodoDashboard.Features.Customers;

namespace TodoDashboard.Tests.Features.Customers;

/// <summary>
/// A known set of 60 customers, written straight to the database, and an in-memory copy to compute what every
/// query must return. Names are chosen so that no first name is a prefix of another: ordinal order (the test
/// cluster's C collation) and the app's order agree.
/// </summary>
public class CustomerDataset : TodoDashboardFactory
{
    public static readonly string[] FirstNames = ["Anthony", "maria", "John", "Chen", "Zoe", "Bella"];
    public static readonly string[] LastNames = ["Smith", "heights", "Okafor", "Nguyen", "Dubois"];
    public static readonly string[] Cities = ["Vienna", "Berlin", "lyon", "Rome"];
    public static readonly DateTime Epoch = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private readonly SemaphoreSlim _inserting = new(1, 1);
    private List<Customer>? _customers;

    public IReadOnlyList<Customer> Customers => _customers ?? throw new InvalidOperationException("Call InsertAsync first.");

    public async Task<IReadOnlyList<Customer>> InsertAsync()
    {
        await _inserting.WaitAsync();
        try
        {
            if (_customers is null)
            {
                var customers = Enumerable.Range(1, 60).Select(Make).ToList();
                await using var scope = Services.CreateAsyncScope();
                await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
                db.Set<Customer>().AddRange(customers);
                await db.SaveChangesAsync();
                _customers = customers;
            }

            return _customers;
        }
        finally
        {
            _inserting.Release();
        }
    }

    public static Customer Make(int i)
    {
        var created = Epoch.AddHours(i * 7 % 61); // not in id order
        return new Customer
        {
            FirstName = FirstNames[i % FirstNames.Length],
            LastName = LastNames[i % LastNames.Length],
            Gender = (Gender)(i % 4),
            CustomerId = $"T{i:D5}",
            PhoneNumber = i % 10 == 0 ? null : $"+43{660000000 + (i * 37):D9}",
            Birthday = i % 6 == 0 ? null : new DateOnly(1950 + i, 1 + (i % 12), 1 + (i % 28)),
            Created = created,
            LastUpdated = created.AddDays(i % 9),
            Address = i % 3 == 0
                ? new CustomerAddress
                {
                    Street = i % 2 == 0 ? "Nicholas Heights" : "Oak Street",
                    StreetNumber = (i % 11).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    CityCode = (1000 + (i % 7)).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    City = Cities[i % Cities.Length],
                    Country = i % 2 == 0 ? "Austria" : "Germany",
                }
                : null,
            Relationship = new CustomerRelationship
            {
                Points = i * 100 % 2300,
                Created = created,
                LastActivity = i % 5 == 0 ? null : Epoch.AddDays(i * 3 % 40),
            },
        };
    }

    /// <summary>The listing order the API promises: the key (text ignoring case), then id; rows without the key last.</summary>
    public static IEnumerable<Customer> Order(IEnumerable<Customer> rows, CustomerSort sort, bool descending)
    {
        var withKey = rows.Where(r => Key(r, sort) is not null);
        var ordered = descending
            ? withKey.OrderByDescending(r => Key(r, sort), KeyComparer.Instance).ThenByDescending(r => r.Id)
            : withKey.OrderBy(r => Key(r, sort), KeyComparer.Instance).ThenBy(r => r.Id);
        var withoutKey = rows.Where(r => Key(r, sort) is null);
        return ordered.Concat(descending ? withoutKey.OrderByDescending(r => r.Id) : withoutKey.OrderBy(r => r.Id));
    }

    private static IComparable? Key(Customer c, CustomerSort sort) => sort switch
    {
        CustomerSort.FullName => $"{c.FirstName} {c.LastName}".ToLowerInvariant(),
        CustomerSort.FirstName => c.FirstName.ToLowerInvariant(),
        CustomerSort.LastName => c.LastName.ToLowerInvariant(),
        CustomerSort.CustomerId => c.CustomerId,
        CustomerSort.City => c.Address?.City.ToLowerInvariant(),
        CustomerSort.Country => c.Address?.Country.ToLowerInvariant(),
        CustomerSort.Points => c.Relationship.Points,
        CustomerSort.LastActivity => c.Relationship.LastActivity,
        CustomerSort.LastUpdated => c.LastUpdated,
        _ => c.Created,
    };

    private sealed class KeyComparer : IComparer<IComparable?>
    {
        public static readonly KeyComparer Instance = new();

        public int Compare(IComparable? x, IComparable? y) =>
            x is string a && y is string b ? string.CompareOrdinal(a, b) : Comparer<IComparable?>.Default.Compare(x, y);
    }
}

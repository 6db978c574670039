using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using TodoDashboard.Data;

namespace TodoDashboard.Features.Customers;

/// <summary>
/// The original demo's naive listing, kept to compare against: the ORM's plain filters (case-sensitive whole values), a
/// search with ILIKE '%…%' across the text fields, OFFSET paging, and an exact COUNT(*) for every page.
/// </summary>
public sealed class NaiveCustomerListing(IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<NaiveCustomerPage> ListAsync(CustomerQuery q, int page, CancellationToken ct = default)
    {
        var startedAt = Stopwatch.GetTimestamp();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var customers = db.Set<Customer>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q.Search))
        {
            var pattern = $"%{q.Search.Trim()}%";
            customers = customers.Where(c => EF.Functions.ILike(c.FirstName, pattern) || EF.Functions.ILike(c.LastName, pattern)
                || EF.Functions.ILike(c.CustomerId, pattern) || EF.Functions.ILike(c.PhoneNumber!, pattern)
                || EF.Functions.ILike(c.Address!.Street, pattern) || EF.Functions.ILike(c.Address!.City, pattern)
                || EF.Functions.ILike(c.Address!.CityCode, pattern) || EF.Functions.ILike(c.Address!.Country, pattern));
        }

        customers = NaiveFilters(customers, q);
        var ordered = NaiveOrder(customers, q);
        var count = await customers.CountAsync(ct);
        var rows = await ordered.Skip((page - 1) * q.PageSize).Take(q.PageSize).ToListAsync(ct);
        return new NaiveCustomerPage(rows.Select(CustomerResponse.From).ToList(), count, page, q.PageSize,
            new QueryPerformance(Stopwatch.GetElapsedTime(startedAt).TotalMilliseconds, 2, false));
    }

    private static IQueryable<Customer> NaiveFilters(IQueryable<Customer> c, CustomerQuery q)
    {
        if (q.FirstName is { } firstName) c = c.Where(x => x.FirstName == firstName);
        if (q.LastName is { } lastName) c = c.Where(x => x.LastName == lastName);
        if (q.CustomerId is { } customerId) c = c.Where(x => x.CustomerId == customerId);
        if (q.PhoneNumber is { } phone) c = c.Where(x => x.PhoneNumber == phone);
        if (q.Gender is { } gender) c = c.Where(x => x.Gender == gender);
        if (q.Country is { } country) c = c.Where(x => x.Address!.Country == country);
        if (q.City is { } city) c = c.Where(x => x.Address!.City == city);
        if (q.CityCode is { } cityCode) c = c.Where(x => x.Address!.CityCode == cityCode);
        if (q.Street is { } street) c = c.Where(x => x.Address!.Street == street);
        if (q.StreetNumber is { } number) c = c.Where(x => x.Address!.StreetNumber == number);
        if (q.HasAddress is { } hasAddress) c = hasAddress ? c.Where(x => x.Address != null) : c.Where(x => x.Address == null);
        if (q.MinPoints is { } min) c = c.Where(x => x.Relationship.Points >= min);
        if (q.MaxPoints is { } max) c = c.Where(x => x.Relationship.Points <= max);
        if (q.BirthdayAfter is { } bornAfter) c = c.Where(x => x.Birthday >= bornAfter);
        if (q.BirthdayBefore is { } bornBefore) c = c.Where(x => x.Birthday <= bornBefore);
        if (q.CreatedAfter is { } createdAfter) c = c.Where(x => x.Created >= createdAfter);
        if (q.CreatedBefore is { } createdBefore) c = c.Where(x => x.Created <= createdBefore);
        if (q.ActiveFrom is { } activeFrom) c = c.Where(x => x.Relationship.LastActivity >= activeFrom);
        if (q.ActiveBefore is { } activeBefore) c = c.Where(x => x.Relationship.LastActivity <= activeBefore);
        return c;
    }

    private static IQueryable<Customer> NaiveOrder(IQueryable<Customer> c, CustomerQuery q)
    {
        IOrderedQueryable<Customer> ordered = q.SortBy switch
        {
            CustomerSort.FullName => Order(c, x => x.FirstName, q.Descending).ThenBy(x => x.LastName),
            CustomerSort.FirstName => Order(c, x => x.FirstName, q.Descending),
            CustomerSort.LastName => Order(c, x => x.LastName, q.Descending),
            CustomerSort.CustomerId => Order(c, x => x.CustomerId, q.Descending),
            CustomerSort.City => Order(c, x => x.Address!.City, q.Descending),
            CustomerSort.Country => Order(c, x => x.Address!.Country, q.Descending),
            CustomerSort.Points => Order(c, x => x.Relationship.Points, q.Descending),
            CustomerSort.LastActivity => Order(c, x => x.Relationship.LastActivity, q.Descending),
            CustomerSort.LastUpdated => Order(c, x => x.LastUpdated, q.Descending),
            _ => Order(c, x => x.Created, q.Descending),
        };
        return ordered.ThenBy(x => x.Id);

        static IOrderedQueryable<Customer> Order<TKey>(IQueryable<Customer> c, System.Linq.Expressions.Expression<Func<Customer, TKey>> key, bool descending) =>
            descending ? c.OrderByDescending(key) : c.OrderBy(key);
    }
}

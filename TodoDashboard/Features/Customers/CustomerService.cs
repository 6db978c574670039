using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using TodoDashboard.Data;
using TodoDashboard.Infrastructure.Concurrency;

namespace TodoDashboard.Features.Customers;

public enum CustomerWriteStatus
{
    Done,
    NotFound,

    /// <summary>The customer is no longer at the version the caller read: nothing was written, and the result holds it as it is now.</summary>
    Stale,
    DuplicateCustomerId,

    /// <summary>C and nine digits: the generator's ids, reserved so that no run meets a hand-made one.</summary>
    ReservedCustomerId,
}

public sealed record CustomerWriteResult(CustomerWriteStatus Status, CustomerResponse? Customer = null);

/// <summary>
/// Reading and writing one customer, and the naive listing. Every write sends its <see cref="CustomerChange"/> in its
/// own transaction (so other instances hear of it exactly when it commits) and clears this instance's cache at once.
/// A write given the version its caller read is done only if the customer is still at that version.
/// </summary>
public sealed partial class CustomerService(IDbContextFactory<AppDbContext> dbFactory, CustomerCache cache, TimeProvider clock)
{
    public const string ReservedCustomerIdMessage = "Customer ids of the form C and nine digits are given to generated customers: choose another.";

    /// <summary>Whether the id has the generator's form (C and nine digits), which only the generator may hand out.</summary>
    public static bool IsGeneratedCustomerId(string? customerId) => customerId is not null && GeneratedId().IsMatch(customerId.Trim());

    [System.Text.RegularExpressions.GeneratedRegex(@"^C\d{9}$")]
    private static partial System.Text.RegularExpressions.Regex GeneratedId();

    public async Task<CustomerResponse?> GetAsync(long id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await ReadAsync(db, id, ct);
    }

    private static async Task<CustomerResponse?> ReadAsync(AppDbContext db, long id, CancellationToken ct) =>
        await db.Set<Customer>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct) is { } customer ? CustomerResponse.From(customer) : null;

    public async Task<CustomerWriteResult> CreateAsync(CustomerRequest request, CancellationToken ct = default)
    {
        if (IsGeneratedCustomerId(request.CustomerId))
        {
            return new CustomerWriteResult(CustomerWriteStatus.ReservedCustomerId);
        }

        var now = Now();
        var customer = new Customer
        {
            FirstName = "",
            LastName = "",
            CustomerId = "",
            Created = now,
            Relationship = new CustomerRelationship { Created = now },
        };
        Apply(customer, request, now);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Set<Customer>().Add(customer);
        return await SaveAsync(db, transaction, customer, () => new CustomerChange { Op = "insert", Id = customer.Id, Values = Values(customer) }, ct);
    }

    public async Task<CustomerWriteResult> UpdateAsync(long id, CustomerRequest request, uint? expectedVersion = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);

        // Locked until the write commits, so neither a change nor a delete can come between this read (its version
        // check, and the columns the cache is told changed) and the UPDATE.
        var customer = (await db.Set<Customer>().FromSql($"SELECT *, xmin FROM customers WHERE id = {id} FOR UPDATE").ToListAsync(ct))
            .SingleOrDefault();
        if (customer is null)
        {
            return new CustomerWriteResult(CustomerWriteStatus.NotFound);
        }

        if (expectedVersion is { } expected && customer.Version != expected)
        {
            return new CustomerWriteResult(CustomerWriteStatus.Stale, CustomerResponse.From(customer));
        }

        if (customer.CustomerId != request.CustomerId?.Trim() && IsGeneratedCustomerId(request.CustomerId))
        {
            return new CustomerWriteResult(CustomerWriteStatus.ReservedCustomerId);
        }

        var before = Columns(customer);
        Apply(customer, request, Now());
        var after = Columns(customer);
        var changed = after.Where(c => before[c.Key] != c.Value).Select(c => c.Key).ToList();
        return await SaveAsync(db, transaction, customer, () => new CustomerChange { Op = "update", Id = id, Columns = changed }, ct);
    }

    public async Task<VersionedWrite<CustomerResponse>> DeleteAsync(long id, uint? expectedVersion = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var customers = expectedVersion is { } expected
            ? db.Set<Customer>().Where(c => c.Id == id && c.Version == expected)
            : db.Set<Customer>().Where(c => c.Id == id);
        if (await customers.ExecuteDeleteAsync(ct) == 0)
        {
            return VersionedWrite.Missed(await ReadAsync(db, id, ct));
        }

        await CommitAsync(db, transaction, new CustomerChange { Op = "delete", Id = id }, ct);
        return VersionedWrite.Done<CustomerResponse>(null);
    }

    /// <summary>
    /// The seed's naive listing, kept to compare against: the ORM's plain filters (case-sensitive whole values), a
    /// search with ILIKE '%…%' across the text fields, OFFSET paging, and an exact COUNT(*) for every page.
    /// </summary>
    public async Task<NaiveCustomerPage> NaiveListAsync(CustomerQuery q, int page, CancellationToken ct = default)
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

    // PostgreSQL keeps microseconds: answer with the time as stored.
    private DateTime Now()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return now.AddTicks(-(now.Ticks % 10));
    }

    private static void Apply(Customer customer, CustomerRequest request, DateTime now)
    {
        customer.FirstName = request.FirstName!.Trim();
        customer.LastName = request.LastName!.Trim();
        customer.Gender = request.Gender;
        customer.CustomerId = request.CustomerId!.Trim();
        customer.PhoneNumber = string.IsNullOrWhiteSpace(request.PhoneNumber) ? null : request.PhoneNumber.Trim();
        customer.Birthday = request.Birthday;
        customer.LastUpdated = now;
        customer.Address = request.Address is { } a
            ? new CustomerAddress
            {
                Street = a.Street.Trim(),
                StreetNumber = a.StreetNumber.Trim(),
                CityCode = a.CityCode.Trim(),
                City = a.City.Trim(),
                Country = a.Country.Trim(),
            }
            : null;
        customer.Relationship.Points = request.Points;
        customer.Relationship.LastActivity = request.LastActivity?.ToUniversalTime();
    }

    private async Task<CustomerWriteResult> SaveAsync(
        AppDbContext db, IDbContextTransaction transaction, Customer customer, Func<CustomerChange> change, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return new CustomerWriteResult(CustomerWriteStatus.DuplicateCustomerId);
        }

        await CommitAsync(db, transaction, change(), ct);
        return new CustomerWriteResult(CustomerWriteStatus.Done, CustomerResponse.From(customer));
    }

    /// <summary>Sends the change with the write (every instance hears of it when it commits) and clears this instance's cache.</summary>
    private async Task CommitAsync(AppDbContext db, IDbContextTransaction transaction, CustomerChange change, CancellationToken ct)
    {
        await change.SendAsync((NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction)transaction.GetDbTransaction(), ct);
        await transaction.CommitAsync(ct);
        await cache.InvalidateAsync(change);
    }

    /// <summary>The values the API filters and sorts on, by column (text lower-cased, as the filters compare them).</summary>
    private static Dictionary<string, string?> Columns(Customer c) => new()
    {
        ["first_name"] = c.FirstName.ToLowerInvariant(),
        ["last_name"] = c.LastName.ToLowerInvariant(),
        ["customer_id"] = c.CustomerId.ToLowerInvariant(),
        ["phone_number"] = c.PhoneNumber,
        ["gender"] = GenderNames.ToName(c.Gender),
        ["birthday"] = c.Birthday?.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        ["street"] = c.Address?.Street.ToLowerInvariant(),
        ["street_number"] = c.Address?.StreetNumber.ToLowerInvariant(),
        ["city_code"] = c.Address?.CityCode.ToLowerInvariant(),
        ["city"] = c.Address?.City.ToLowerInvariant(),
        ["country"] = c.Address?.Country.ToLowerInvariant(),
        ["points"] = c.Relationship.Points.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["last_activity"] = c.Relationship.LastActivity?.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["last_updated"] = c.LastUpdated.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static Dictionary<string, string?> Values(Customer c) =>
        Columns(c).Where(v => CustomerCache.EqualityColumns.Contains(v.Key)).ToDictionary();
}

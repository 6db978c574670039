using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using TodoDashboard.Data;
using TodoDashboard.Infrastructure.Concurrency;

namespace TodoDashboard.Features.Customers;

/// <summary>
/// Reading and writing one customer. Every write sends its <see cref="CustomerChange"/> in its
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

    /// <summary>
    /// A free id for a customer added by hand: M and six digits, one past the highest such id taken (never the
    /// generator's form). Free when asked: a save in between is still refused as taken, like any other.
    /// </summary>
    public async Task<string> SuggestCustomerIdAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var highest = await db.Database
            .SqlQuery<int>($"SELECT coalesce(max(substring(customer_id FROM 2)::int), 0) AS \"Value\" FROM customers WHERE customer_id ~ '^M[0-9]{{6}}$'")
            .SingleAsync(ct);
        return FormattableString.Invariant($"M{highest + 1:D6}");
    }

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
        return await SaveAsync(db, transaction, customer, () => new CustomerChange { Op = CustomerChangeOp.Insert, Id = customer.Id, Values = Values(customer) }, ct);
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
        return await SaveAsync(db, transaction, customer, () => new CustomerChange { Op = CustomerChangeOp.Update, Id = id, Columns = changed }, ct);
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

        await CommitAsync(db, transaction, new CustomerChange { Op = CustomerChangeOp.Delete, Id = id }, ct);
        return VersionedWrite.Done<CustomerResponse>(null);
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

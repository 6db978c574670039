using Microsoft.EntityFrameworkCore;

namespace TodoDashboard.Features.MultiDatabase;

/// <summary>
/// The users database; each of the three may live on a different server. In each, (RunId, RowNumber) is unique: the
/// natural key that makes a row's insert idempotent (<see cref="MultiDbInserter"/>).
/// </summary>
public class UsersDbContext(DbContextOptions<UsersDbContext> options) : DbContext(options)
{
    public DbSet<MdbUser> Users => Set<MdbUser>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.Entity<MdbUser>(user =>
    {
        user.ToTable("users");
        user.Property(u => u.Name).HasMaxLength(MultiDbRules.NameMaxLength);
        user.Property(u => u.Email).HasMaxLength(MultiDbRules.EmailMaxLength);
        user.HasIndex(u => new { u.RunId, u.RowNumber }).IsUnique();
    });
}

public class ProductsDbContext(DbContextOptions<ProductsDbContext> options) : DbContext(options)
{
    public DbSet<MdbProduct> Products => Set<MdbProduct>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.Entity<MdbProduct>(product =>
    {
        product.ToTable("products", t => t.HasCheckConstraint("ck_products_price_positive", "\"Price\" > 0"));
        product.Property(p => p.Name).HasMaxLength(MultiDbRules.NameMaxLength);
        product.Property(p => p.Price).HasPrecision(10, 2);
        product.HasIndex(p => new { p.RunId, p.RowNumber }).IsUnique();
    });
}

public class OrdersDbContext(DbContextOptions<OrdersDbContext> options) : DbContext(options)
{
    public DbSet<MdbOrder> Orders => Set<MdbOrder>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.Entity<MdbOrder>(order =>
    {
        order.ToTable("orders", t => t.HasCheckConstraint("ck_orders_quantity_positive", "\"Quantity\" > 0"));
        order.HasIndex(o => new { o.RunId, o.RowNumber }).IsUnique();
    });
}

using Microsoft.EntityFrameworkCore;

namespace TodoDashboard.Features.MultiDatabase;

public class ProductsDbContext(DbContextOptions<ProductsDbContext> options) : DbContext(options)
{
    public DbSet<MdbProduct> Products => Set<MdbProduct>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) => MdbProductConfiguration.Configure(modelBuilder.Entity<MdbProduct>());
}

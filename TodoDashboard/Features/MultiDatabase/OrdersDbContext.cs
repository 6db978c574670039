using Microsoft.EntityFrameworkCore;

namespace TodoDashboard.Features.MultiDatabase;

public class OrdersDbContext(DbContextOptions<OrdersDbContext> options) : DbContext(options)
{
    public DbSet<MdbOrder> Orders => Set<MdbOrder>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) => MdbOrderConfiguration.Configure(modelBuilder.Entity<MdbOrder>());
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TodoDashboard.Features.MultiDatabase;

// Not an IEntityTypeConfiguration: AppDbContext applies every one in the assembly, and this table lives in the orders
// database, which OrdersDbContext alone maps.
public static class MdbOrderConfiguration
{
    public static void Configure(EntityTypeBuilder<MdbOrder> builder)
    {
        builder.ToTable("orders", t => t.HasCheckConstraint("ck_orders_quantity_positive", "quantity > 0"));
        builder.HasIndex(o => new { o.RunId, o.RowNumber }).IsUnique();
    }
}

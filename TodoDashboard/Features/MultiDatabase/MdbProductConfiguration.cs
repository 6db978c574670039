using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TodoDashboard.Features.MultiDatabase;

// Not an IEntityTypeConfiguration: AppDbContext applies every one in the assembly, and this table lives in the
// products database, which ProductsDbContext alone maps.
public static class MdbProductConfiguration
{
    public static void Configure(EntityTypeBuilder<MdbProduct> builder)
    {
        builder.ToTable("products", t => t.HasCheckConstraint("ck_products_price_positive", "price > 0"));
        builder.Property(p => p.Name).HasMaxLength(MultiDbRules.NameMaxLength);
        builder.Property(p => p.Price).HasPrecision(10, 2);
        builder.HasIndex(p => new { p.RunId, p.RowNumber }).IsUnique();
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TodoDashboard.Features.Shares;

public class ShareConfiguration : IEntityTypeConfiguration<Share>
{
    public void Configure(EntityTypeBuilder<Share> builder)
    {
        builder.ToTable("shares", t => t.HasCheckConstraint("ck_shares_price_not_negative", "price >= 0"));
        builder.Property(s => s.Name).HasMaxLength(Share.NameMaxLength);
        builder.Property(s => s.Price).HasPrecision(Share.PricePrecision, Share.PriceScale);
        builder.HasIndex(s => s.Name).IsUnique();

        // Price updates are the hot path: with no index on the columns they change and room left on each page,
        // PostgreSQL rewrites a share in place (a HOT update) instead of adding entries to every index.
        // Sorting the grid by price then sorts in memory, which is cheap at this size.
        builder.HasAnnotation("Npgsql:StorageParameter:fillfactor", 80);
    }
}

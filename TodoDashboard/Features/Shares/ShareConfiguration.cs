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

public class PriceChangeConfiguration : IEntityTypeConfiguration<PriceChange>
{
    public void Configure(EntityTypeBuilder<PriceChange> builder)
    {
        builder.ToTable("price_changes");
        builder.Property(c => c.OldPrice).HasPrecision(Share.PricePrecision, Share.PriceScale);
        builder.Property(c => c.NewPrice).HasPrecision(Share.PricePrecision, Share.PriceScale);

        // No foreign keys: the only writer is the statement that reads the share and its run, so the references
        // hold by construction, and per-row key checks were a third of a bulk update's time.
        // A run changes each share once: a resumed run skips the shares it already changed.
        builder.HasIndex(c => new { c.RunId, c.ShareId }).IsUnique();
        builder.HasIndex(c => new { c.ShareId, c.ChangedAt }).IsDescending(false, true);
    }
}

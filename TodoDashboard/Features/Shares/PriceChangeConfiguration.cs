using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TodoDashboard.Features.Shares;

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

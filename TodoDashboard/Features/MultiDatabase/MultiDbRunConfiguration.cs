using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TodoDashboard.Features.MultiDatabase;

public class MultiDbRunConfiguration : IEntityTypeConfiguration<MultiDbRun>
{
    public void Configure(EntityTypeBuilder<MultiDbRun> builder)
    {
        builder.ToTable("multidb_runs");
        builder.Property(r => r.StartedBy).HasMaxLength(256);
        builder.Property(r => r.Kind).HasMaxLength(16);
        builder.Property(r => r.Result).HasColumnType("jsonb");
        builder.HasIndex(r => r.CreatedAt).IsDescending();
    }
}

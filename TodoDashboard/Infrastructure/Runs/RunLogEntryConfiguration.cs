using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TodoDashboard.Infrastructure.Runs;

public class RunLogEntryConfiguration : IEntityTypeConfiguration<RunLogEntry>
{
    public void Configure(EntityTypeBuilder<RunLogEntry> builder)
    {
        builder.ToTable("run_log");
        builder.Property(l => l.Level).HasMaxLength(8);
        builder.Property(l => l.Message).HasMaxLength(RunLimits.LogLineLength);
        builder.HasOne<Run>().WithMany().HasForeignKey(l => l.RunId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(l => new { l.RunId, l.Id });
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TodoDashboard.Infrastructure.Runs;

public class RunCleanupConfiguration : IEntityTypeConfiguration<RunCleanup>
{
    public void Configure(EntityTypeBuilder<RunCleanup> builder)
    {
        builder.ToTable("run_cleanups");
        builder.Property(c => c.Node).HasMaxLength(200);
        builder.HasIndex(c => c.At).IsDescending();
    }
}

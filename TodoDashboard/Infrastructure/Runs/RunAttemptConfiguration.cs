using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TodoDashboard.Infrastructure.Runs;

public class RunAttemptConfiguration : IEntityTypeConfiguration<RunAttempt>
{
    public void Configure(EntityTypeBuilder<RunAttempt> builder)
    {
        builder.ToTable("run_attempts");
        builder.Property(a => a.Node).HasMaxLength(200);
        builder.Property(a => a.Outcome).HasMaxLength(16);
        builder.HasOne<Run>().WithMany().HasForeignKey(a => a.RunId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => new { a.RunId, a.Number }).IsUnique();
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TodoDashboard.Infrastructure.Runs;

namespace TodoDashboard.Features.Jobs;

public class JobItemConfiguration : IEntityTypeConfiguration<JobItem>
{
    public void Configure(EntityTypeBuilder<JobItem> builder)
    {
        builder.ToTable("job_items");
        builder.Property(i => i.Name).HasMaxLength(100);
        builder.Property(i => i.Description).HasMaxLength(500);
        builder.HasOne<Run>().WithMany().HasForeignKey(i => i.JobId).OnDelete(DeleteBehavior.Cascade);

        // An item number is written once per job, whichever instance processes it and however often it resumes.
        builder.HasIndex(i => new { i.JobId, i.Number }).IsUnique();
    }
}

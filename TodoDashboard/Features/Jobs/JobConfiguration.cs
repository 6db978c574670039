using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TodoDashboard.Data;

namespace TodoDashboard.Features.Jobs;

public class JobConfiguration : IEntityTypeConfiguration<Job>
{
    public void Configure(EntityTypeBuilder<Job> builder)
    {
        builder.ToTable("jobs", t => t.HasCheckConstraint("ck_jobs_done_within_total", "\"Done\" >= 0 AND \"Done\" <= \"Total\""));
        builder.Property(j => j.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(j => j.Error).HasMaxLength(2000);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(j => j.OwnerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(j => new { j.OwnerId, j.CreatedAt }).IsDescending(false, true);

        // The database, not a check-then-insert, keeps a user to one Queued or Processing job.
        builder.HasIndex(j => j.OwnerId)
            .HasDatabaseName("ix_jobs_one_active_per_owner")
            .IsUnique()
            .HasFilter("\"Status\" IN ('Queued', 'Processing')");
    }
}

public class JobItemConfiguration : IEntityTypeConfiguration<JobItem>
{
    public void Configure(EntityTypeBuilder<JobItem> builder)
    {
        builder.ToTable("job_items");
        builder.Property(i => i.Name).HasMaxLength(100);
        builder.Property(i => i.Description).HasMaxLength(500);
        builder.HasOne<Job>().WithMany().HasForeignKey(i => i.JobId).OnDelete(DeleteBehavior.Cascade);

        // An item number is written once per job, whichever instance processes it and however often it resumes.
        builder.HasIndex(i => new { i.JobId, i.Number }).IsUnique();
    }
}

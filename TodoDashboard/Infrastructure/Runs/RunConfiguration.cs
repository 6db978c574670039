using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TodoDashboard.Data;

namespace TodoDashboard.Infrastructure.Runs;

public class RunConfiguration : IEntityTypeConfiguration<Run>
{
    public void Configure(EntityTypeBuilder<Run> builder)
    {
        builder.ToTable("runs", t => t.HasCheckConstraint("ck_runs_done_not_negative", "done >= 0 AND total >= 0"));
        builder.Property(r => r.Kind).HasMaxLength(32);
        builder.Property(r => r.OwnerName).HasMaxLength(256);
        builder.Property(r => r.State).HasMaxLength(16);
        builder.Property(r => r.ActiveKey).HasMaxLength(256);
        builder.Property(r => r.Message).HasMaxLength(RunLimits.MessageLength);
        builder.Property(r => r.Error).HasMaxLength(RunLimits.ErrorLength);
        builder.Property(r => r.Parameters).HasColumnType("jsonb");
        builder.Property(r => r.Data).HasColumnType("jsonb");
        // A deleted account's runs stay in the history (prices they changed stay changed), under the name they ran as.
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(r => r.OwnerId).OnDelete(DeleteBehavior.SetNull);

        // Keyset paging of the operations page, newest first, over all runs, one owner's, or one kind's.
        builder.HasIndex(r => new { r.CreatedAt, r.Id }).IsDescending(true, true);
        builder.HasIndex(r => new { r.OwnerId, r.CreatedAt, r.Id }).IsDescending(false, true, true);
        builder.HasIndex(r => new { r.Kind, r.CreatedAt, r.Id }).IsDescending(false, true, true);
        builder.HasIndex(r => r.State).HasDatabaseName("ix_runs_active").HasFilter($"state IN {RunStates.ActiveSql}");

        // Each kind's single-active rule, enforced by the database: of any number of concurrent starts, one inserts.
        builder.HasIndex(r => new { r.Kind, r.ActiveKey })
            .HasDatabaseName("ix_runs_one_active_per_key")
            .IsUnique()
            .HasFilter($"state IN {RunStates.ActiveSql}");
    }
}

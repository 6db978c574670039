using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TodoDashboard.Data;

namespace TodoDashboard.Features.Todos;

public class TodoConfiguration : IEntityTypeConfiguration<Todo>
{
    public void Configure(EntityTypeBuilder<Todo> builder)
    {
        builder.ToTable("todos");
        builder.Property(t => t.Title).HasMaxLength(Todo.TitleMaxLength);
        builder.Property(t => t.Description).HasMaxLength(Todo.DescriptionMaxLength);
        builder.Property(t => t.CreatedAt).HasDefaultValueSql("now()");
        builder.Property(t => t.Version).IsRowVersion().HasColumnName("xmin");
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(t => t.OwnerId).OnDelete(DeleteBehavior.Cascade);

        // Every query filters by owner; the stats buckets filter by status and creation day, newest first.
        builder.HasIndex(t => new { t.OwnerId, t.IsCompleted, t.CreatedAt, t.Id }).IsDescending(false, false, true, true);
        builder.HasIndex(t => new { t.OwnerId, t.CreatedAt, t.Id }).IsDescending(false, true, true);
    }
}

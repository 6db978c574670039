using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TodoDashboard.Features.MultiDatabase;

// Not an IEntityTypeConfiguration: AppDbContext applies every one in the assembly, and this table lives in the users
// database, which UsersDbContext alone maps.
public static class MdbUserConfiguration
{
    public static void Configure(EntityTypeBuilder<MdbUser> builder)
    {
        builder.ToTable("users");
        builder.Property(u => u.Name).HasMaxLength(MultiDbRules.NameMaxLength);
        builder.Property(u => u.Email).HasMaxLength(MultiDbRules.EmailMaxLength);
        builder.HasIndex(u => new { u.RunId, u.RowNumber }).IsUnique();
    }
}

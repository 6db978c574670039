using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TodoDashboard.Data;

namespace TodoDashboard.Infrastructure.Auth;

public sealed class UsedRefreshTokenConfiguration : IEntityTypeConfiguration<UsedRefreshToken>
{
    public void Configure(EntityTypeBuilder<UsedRefreshToken> builder)
    {
        builder.ToTable("used_refresh_tokens");
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.UserId).HasMaxLength(450);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(t => t.ExpiresAt);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TodoDashboard.Infrastructure.Cluster;

public class ClusterInstanceConfiguration : IEntityTypeConfiguration<ClusterInstance>
{
    public const int InstanceIdLength = 200;

    public void Configure(EntityTypeBuilder<ClusterInstance> builder)
    {
        builder.ToTable("cluster_instances");
        builder.HasKey(i => i.InstanceId);
        builder.Property(i => i.InstanceId).HasMaxLength(InstanceIdLength);
        builder.Property(i => i.HostName).HasMaxLength(255);
        builder.Property(i => i.Version).HasMaxLength(100);
    }
}

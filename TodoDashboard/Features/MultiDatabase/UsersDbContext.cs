using Microsoft.EntityFrameworkCore;

namespace TodoDashboard.Features.MultiDatabase;

/// <summary>
/// The users database; each of the three may live on a different server. In each, (RunId, RowNumber) is unique: the
/// natural key that makes a row's insert idempotent (<see cref="MultiDbInserter"/>).
/// </summary>
public class UsersDbContext(DbContextOptions<UsersDbContext> options) : DbContext(options)
{
    public DbSet<MdbUser> Users => Set<MdbUser>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) => MdbUserConfiguration.Configure(modelBuilder.Entity<MdbUser>());
}

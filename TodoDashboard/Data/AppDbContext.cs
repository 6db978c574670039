using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using TodoDashboard.Features.Customers;
using TodoDashboard.Features.Jobs;
using TodoDashboard.Features.MultiDatabase;
using TodoDashboard.Features.Shares;
using TodoDashboard.Features.Todos;
using TodoDashboard.Infrastructure.Auth;

namespace TodoDashboard.Data;

public class AppDbContext(DbContextOptions<AppDbContext> options)
    : IdentityDbContext<ApplicationUser>(options), IDataProtectionKeyContext
{
    public DbSet<Todo> Todos => Set<Todo>();

    public DbSet<JobItem> JobItems => Set<JobItem>();

    public DbSet<Share> Shares => Set<Share>();

    public DbSet<PriceChange> PriceChanges => Set<PriceChange>();

    public DbSet<MultiDbRun> MultiDbRuns => Set<MultiDbRun>();

    public DbSet<Customer> Customers => Set<Customer>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<UsedRefreshToken> UsedRefreshTokens => Set<UsedRefreshToken>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }
}

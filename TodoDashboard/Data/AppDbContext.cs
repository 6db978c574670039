using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using TodoDashboard.Infrastructure;

namespace TodoDashboard.Data;

/// <summary>
/// The app's database: Identity's tables and every feature's, each configured beside its entity and reached with
/// <c>Set&lt;T&gt;()</c>. Names are snake_case (<see cref="DatabaseSetup.UseSnakeCaseNames"/>) and enums are stored by name.
/// </summary>
public class AppDbContext(DbContextOptions<AppDbContext> options)
    : IdentityDbContext<ApplicationUser>(options), IDataProtectionKeyContext
{
    /// <summary>
    /// Identity's schema with passkeys. IdentityDbContext reads the version from the app's IdentityOptions (AuthSetup sets
    /// it there), so a context built without the app's services must be given them (the tests' MigrationTestDatabase does).
    /// </summary>
    public static readonly Version IdentitySchemaVersion = IdentitySchemaVersions.Version3;

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    // Here rather than where the options are built, so every context (the app's, the tools', the tests') has it.
    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) => optionsBuilder.UseSnakeCaseNames();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        // Identity names its tables and indexes explicitly, and a naming convention leaves explicit names alone.
        builder.Entity<ApplicationUser>(b =>
        {
            b.ToTable("asp_net_users");
            b.HasIndex(u => u.NormalizedUserName).HasDatabaseName("user_name_index");
            b.HasIndex(u => u.NormalizedEmail).HasDatabaseName("email_index");
        });
        builder.Entity<IdentityRole>(b =>
        {
            b.ToTable("asp_net_roles");
            b.HasIndex(r => r.NormalizedName).HasDatabaseName("role_name_index");
        });
        builder.Entity<IdentityUserClaim<string>>().ToTable("asp_net_user_claims");
        builder.Entity<IdentityUserLogin<string>>().ToTable("asp_net_user_logins");
        builder.Entity<IdentityUserToken<string>>().ToTable("asp_net_user_tokens");
        builder.Entity<IdentityUserPasskey<string>>().ToTable("asp_net_user_passkeys");
        KeepVersionOneLengths(builder);
        builder.Entity<IdentityUserRole<string>>().ToTable("asp_net_user_roles");
        builder.Entity<IdentityRoleClaim<string>>().ToTable("asp_net_role_claims");
        builder.Entity<DataProtectionKey>().ToTable("data_protection_keys");

        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }

    // Identity's schema version 2 and later cap the phone number and the login and token keys; the database was made by
    // version 1, which left them unbounded, and moving to version 3 is to add passkeys, not to shorten columns.
    private static void KeepVersionOneLengths(ModelBuilder builder)
    {
        builder.Entity<ApplicationUser>().Property(u => u.PhoneNumber).Metadata.SetMaxLength(null);
        builder.Entity<IdentityUserLogin<string>>(b =>
        {
            b.Property(l => l.LoginProvider).Metadata.SetMaxLength(null);
            b.Property(l => l.ProviderKey).Metadata.SetMaxLength(null);
        });
        builder.Entity<IdentityUserToken<string>>(b =>
        {
            b.Property(t => t.LoginProvider).Metadata.SetMaxLength(null);
            b.Property(t => t.Name).Metadata.SetMaxLength(null);
        });
    }

    // One converter for every enum property: stored as its name, which SQL built from code writes with nameof.
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.Properties<Enum>().HaveConversion<string>();
}

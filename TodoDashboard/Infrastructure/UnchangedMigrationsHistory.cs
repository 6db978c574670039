using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Migrations.Internal;

namespace TodoDashboard.Infrastructure;

/// <summary>
/// EF's migrations history table keeps the column names it was created with ("MigrationId", "ProductVersion") under
/// the snake_case convention: it is read before any migration runs, so a database created before the convention must
/// find it as it was (https://github.com/efcore/EFCore.NamingConventions/issues/1). Like Quartz's qrtz_ tables, it is
/// the tool's table, not the app's.
/// </summary>
#pragma warning disable EF1001 // Subclassing the provider's repository is EF's documented way to customise the history table.
public sealed class UnchangedMigrationsHistory(HistoryRepositoryDependencies dependencies) : NpgsqlHistoryRepository(dependencies)
{
    protected override void ConfigureTable(EntityTypeBuilder<HistoryRow> history)
    {
        base.ConfigureTable(history);
        history.Property(h => h.MigrationId).HasColumnName(nameof(HistoryRow.MigrationId));
        history.Property(h => h.ProductVersion).HasColumnName(nameof(HistoryRow.ProductVersion));
    }
}
#pragma warning restore EF1001

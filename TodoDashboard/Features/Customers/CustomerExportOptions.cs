namespace TodoDashboard.Features.Customers;

/// <summary>Settings of the CSV export (section "Customers").</summary>
public sealed class CustomerExportOptions
{
    /// <summary>Rows read per keyset page and written before the next is read: what the export holds in memory.</summary>
    public int ExportPageSize { get; set; } = 5_000;
}

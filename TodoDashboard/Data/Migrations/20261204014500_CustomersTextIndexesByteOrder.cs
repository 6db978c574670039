using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TodoDashboard.Data.Migrations
{
    /// <summary>
    /// The lower-cased text indexes compared byte by byte: <c>(lower(first_name) COLLATE "C", id)</c> and the like. The
    /// lower-casing still follows the column's own collation (Unicode letters too); only the comparisons change, from
    /// the C library's strcoll to memcmp with abbreviated keys, which halves the build of a name index (first_name on
    /// 3,000,000 customers: 10.7 s to 5.2 s on one core) and makes every descent of it cheaper. The order is the one the
    /// C.UTF-8 locale gave (code point order) and is now the same on every server whatever its locale. Queries write the
    /// same expressions (CustomerSortKeys, CustomerFilterSql), as an index serves only its own collation. Expression
    /// indexes the model does not know (like AddCustomers'), so no model snapshot.
    /// </summary>
    [DbContext(typeof(AppDbContext))]
    [Migration("20261204014500_CustomersTextIndexesByteOrder")]
    public class CustomersTextIndexesByteOrder : Migration
    {
        private static readonly (string Name, string Key, string After)[] Indexes =
        [
            ("ix_customers_first_name", "lower(first_name)", ", id"),
            ("ix_customers_first_name_created", "lower(first_name)", ", created, id"),
            ("ix_customers_last_name", "lower(last_name)", ", id"),
            ("ix_customers_full_name", "lower(first_name || ' ' || last_name)", ", id"),
            ("ix_customers_city", "lower(city)", ", id"),
            ("ix_customers_country", "lower(country)", ", id"),
            ("ix_customers_street", "lower(street)", ""),
        ];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var (name, key, after) in Indexes)
            {
                migrationBuilder.Sql($"""DROP INDEX IF EXISTS {name}; CREATE INDEX {name} ON customers (({key} COLLATE "C"){after});""");
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var (name, key, after) in Indexes)
            {
                migrationBuilder.Sql($"DROP INDEX IF EXISTS {name}; CREATE INDEX {name} ON customers ({key}{after});");
            }
        }
    }
}

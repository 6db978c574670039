using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TodoDashboard.Features.MultiDatabase.Migrations.Orders
{
    /// <inheritdoc />
    public partial class RowNumbers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // (RunId, RowNumber) is a row's natural key: a scale run that redoes a step after a crash finds its rows
            // by it (ON CONFLICT DO NOTHING) instead of inserting them twice. Rows from before have no number (NULL).
            migrationBuilder.DropIndex(
                name: "IX_orders_RunId",
                table: "orders");

            migrationBuilder.AddColumn<int>(
                name: "RowNumber",
                table: "orders",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_orders_RunId_RowNumber",
                table: "orders",
                columns: new[] { "RunId", "RowNumber" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_orders_RunId_RowNumber",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "RowNumber",
                table: "orders");

            migrationBuilder.CreateIndex(
                name: "IX_orders_RunId",
                table: "orders",
                column: "RunId");
        }
    }
}

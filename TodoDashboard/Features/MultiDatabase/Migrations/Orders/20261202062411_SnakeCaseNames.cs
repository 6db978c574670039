using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TodoDashboard.Features.MultiDatabase.Migrations.Orders
{
    /// <inheritdoc />
    public partial class SnakeCaseNames : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Renames only, so an installation keeps its rows. ck_orders_quantity_positive keeps its name, and PostgreSQL
            // rewrites its expression to the renamed column by itself.
            migrationBuilder.RenameColumn(
                name: "Quantity",
                table: "orders",
                newName: "quantity");

            migrationBuilder.RenameColumn(
                name: "Id",
                table: "orders",
                newName: "id");

            migrationBuilder.RenameColumn(
                name: "UserId",
                table: "orders",
                newName: "user_id");

            migrationBuilder.RenameColumn(
                name: "RunId",
                table: "orders",
                newName: "run_id");

            migrationBuilder.RenameColumn(
                name: "RowNumber",
                table: "orders",
                newName: "row_number");

            migrationBuilder.RenameColumn(
                name: "ProductId",
                table: "orders",
                newName: "product_id");

            migrationBuilder.RenameColumn(
                name: "CreatedAt",
                table: "orders",
                newName: "created_at");

            migrationBuilder.RenameIndex(
                name: "IX_orders_RunId_RowNumber",
                table: "orders",
                newName: "ix_orders_run_id_row_number");

            migrationBuilder.Sql("ALTER TABLE orders RENAME CONSTRAINT \"PK_orders\" TO pk_orders");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "quantity",
                table: "orders",
                newName: "Quantity");

            migrationBuilder.RenameColumn(
                name: "id",
                table: "orders",
                newName: "Id");

            migrationBuilder.RenameColumn(
                name: "user_id",
                table: "orders",
                newName: "UserId");

            migrationBuilder.RenameColumn(
                name: "run_id",
                table: "orders",
                newName: "RunId");

            migrationBuilder.RenameColumn(
                name: "row_number",
                table: "orders",
                newName: "RowNumber");

            migrationBuilder.RenameColumn(
                name: "product_id",
                table: "orders",
                newName: "ProductId");

            migrationBuilder.RenameColumn(
                name: "created_at",
                table: "orders",
                newName: "CreatedAt");

            migrationBuilder.RenameIndex(
                name: "ix_orders_run_id_row_number",
                table: "orders",
                newName: "IX_orders_RunId_RowNumber");

            migrationBuilder.Sql("ALTER TABLE orders RENAME CONSTRAINT pk_orders TO \"PK_orders\"");
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TodoDashboard.Features.MultiDatabase.Migrations.Products
{
    /// <inheritdoc />
    public partial class SnakeCaseNames : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Renames only, so an installation keeps its rows. ck_products_price_positive keeps its name, and PostgreSQL
            // rewrites its expression to the renamed column by itself.
            migrationBuilder.RenameColumn(
                name: "Price",
                table: "products",
                newName: "price");

            migrationBuilder.RenameColumn(
                name: "Name",
                table: "products",
                newName: "name");

            migrationBuilder.RenameColumn(
                name: "Id",
                table: "products",
                newName: "id");

            migrationBuilder.RenameColumn(
                name: "RunId",
                table: "products",
                newName: "run_id");

            migrationBuilder.RenameColumn(
                name: "RowNumber",
                table: "products",
                newName: "row_number");

            migrationBuilder.RenameColumn(
                name: "CreatedAt",
                table: "products",
                newName: "created_at");

            migrationBuilder.RenameIndex(
                name: "IX_products_RunId_RowNumber",
                table: "products",
                newName: "ix_products_run_id_row_number");

            migrationBuilder.Sql("ALTER TABLE products RENAME CONSTRAINT \"PK_products\" TO pk_products");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "price",
                table: "products",
                newName: "Price");

            migrationBuilder.RenameColumn(
                name: "name",
                table: "products",
                newName: "Name");

            migrationBuilder.RenameColumn(
                name: "id",
                table: "products",
                newName: "Id");

            migrationBuilder.RenameColumn(
                name: "run_id",
                table: "products",
                newName: "RunId");

            migrationBuilder.RenameColumn(
                name: "row_number",
                table: "products",
                newName: "RowNumber");

            migrationBuilder.RenameColumn(
                name: "created_at",
                table: "products",
                newName: "CreatedAt");

            migrationBuilder.RenameIndex(
                name: "ix_products_run_id_row_number",
                table: "products",
                newName: "IX_products_RunId_RowNumber");

            migrationBuilder.Sql("ALTER TABLE products RENAME CONSTRAINT pk_products TO \"PK_products\"");
        }
    }
}

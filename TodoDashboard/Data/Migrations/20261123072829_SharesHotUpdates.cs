using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TodoDashboard.Data.Migrations
{
    /// <inheritdoc />
    public partial class SharesHotUpdates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_price_changes_price_update_runs_RunId",
                table: "price_changes");

            migrationBuilder.DropForeignKey(
                name: "FK_price_changes_shares_ShareId",
                table: "price_changes");

            migrationBuilder.DropIndex(
                name: "IX_shares_Price",
                table: "shares");

            migrationBuilder.AlterTable(
                name: "shares")
                .Annotation("Npgsql:StorageParameter:fillfactor", 80);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterTable(
                name: "shares")
                .OldAnnotation("Npgsql:StorageParameter:fillfactor", 80);

            migrationBuilder.CreateIndex(
                name: "IX_shares_Price",
                table: "shares",
                column: "Price");

            migrationBuilder.AddForeignKey(
                name: "FK_price_changes_price_update_runs_RunId",
                table: "price_changes",
                column: "RunId",
                principalTable: "price_update_runs",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_price_changes_shares_ShareId",
                table: "price_changes",
                column: "ShareId",
                principalTable: "shares",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TodoDashboard.Data.Migrations
{
    /// <inheritdoc />
    public partial class PriceChangesByIdOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_price_changes_ChangedAt",
                table: "price_changes");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_price_changes_ChangedAt",
                table: "price_changes",
                column: "ChangedAt",
                descending: new bool[0]);
        }
    }
}

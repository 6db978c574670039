using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TodoDashboard.Features.MultiDatabase.Migrations.Users
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
                name: "IX_users_RunId",
                table: "users");

            migrationBuilder.AddColumn<int>(
                name: "RowNumber",
                table: "users",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_users_RunId_RowNumber",
                table: "users",
                columns: new[] { "RunId", "RowNumber" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_users_RunId_RowNumber",
                table: "users");

            migrationBuilder.DropColumn(
                name: "RowNumber",
                table: "users");

            migrationBuilder.CreateIndex(
                name: "IX_users_RunId",
                table: "users",
                column: "RunId");
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TodoDashboard.Features.MultiDatabase.Migrations.Users
{
    /// <inheritdoc />
    public partial class SnakeCaseNames : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Renames only, so an installation keeps its rows.
            migrationBuilder.RenameColumn(
                name: "Name",
                table: "users",
                newName: "name");

            migrationBuilder.RenameColumn(
                name: "Email",
                table: "users",
                newName: "email");

            migrationBuilder.RenameColumn(
                name: "Id",
                table: "users",
                newName: "id");

            migrationBuilder.RenameColumn(
                name: "RunId",
                table: "users",
                newName: "run_id");

            migrationBuilder.RenameColumn(
                name: "RowNumber",
                table: "users",
                newName: "row_number");

            migrationBuilder.RenameColumn(
                name: "CreatedAt",
                table: "users",
                newName: "created_at");

            migrationBuilder.RenameIndex(
                name: "IX_users_RunId_RowNumber",
                table: "users",
                newName: "ix_users_run_id_row_number");

            migrationBuilder.Sql("ALTER TABLE users RENAME CONSTRAINT \"PK_users\" TO pk_users");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameColumn(
                name: "name",
                table: "users",
                newName: "Name");

            migrationBuilder.RenameColumn(
                name: "email",
                table: "users",
                newName: "Email");

            migrationBuilder.RenameColumn(
                name: "id",
                table: "users",
                newName: "Id");

            migrationBuilder.RenameColumn(
                name: "run_id",
                table: "users",
                newName: "RunId");

            migrationBuilder.RenameColumn(
                name: "row_number",
                table: "users",
                newName: "RowNumber");

            migrationBuilder.RenameColumn(
                name: "created_at",
                table: "users",
                newName: "CreatedAt");

            migrationBuilder.RenameIndex(
                name: "ix_users_run_id_row_number",
                table: "users",
                newName: "IX_users_RunId_RowNumber");

            migrationBuilder.Sql("ALTER TABLE users RENAME CONSTRAINT pk_users TO \"PK_users\"");
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TodoDashboard.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddRowVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // xmin is a system column every row has: Npgsql's SQL generator emits no DDL for these two, they only record it in the model.
            migrationBuilder.AddColumn<uint>(
                name: "xmin",
                table: "todos",
                type: "xid",
                rowVersion: true,
                nullable: false,
                defaultValue: 0u);

            migrationBuilder.AddColumn<uint>(
                name: "xmin",
                table: "customers",
                type: "xid",
                rowVersion: true,
                nullable: false,
                defaultValue: 0u);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "xmin",
                table: "todos");

            migrationBuilder.DropColumn(
                name: "xmin",
                table: "customers");
        }
    }
}

using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace TodoDashboard.Data.Migrations
{
    /// <inheritdoc />
    public partial class RolesAndDisplayNames : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DisplayName",
                table: "AspNetUsers",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "LastSignInAt",
                table: "AspNetUsers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.InsertData(
                table: "AspNetRoles",
                columns: new[] { "Id", "ConcurrencyStamp", "Name", "NormalizedName" },
                values: new object[,]
                {
                    { "role-admin", "role-admin", "Admin", "ADMIN" },
                    { "role-member", "role-member", "Member", "MEMBER" },
                    { "role-operator", "role-operator", "Operator", "OPERATOR" }
                });

            // Accounts that predate the roles are Members.
            migrationBuilder.Sql("""
                INSERT INTO "AspNetUserRoles" ("UserId", "RoleId")
                SELECT "Id", 'role-member' FROM "AspNetUsers" ON CONFLICT DO NOTHING;
                """);

            // Runs named their starter by email, which every account could read: keep the part before the @.
            migrationBuilder.Sql("""
                UPDATE price_update_runs SET "StartedBy" = split_part("StartedBy", '@', 1) WHERE "StartedBy" LIKE '%@%';
                UPDATE customer_generation_runs SET "StartedBy" = split_part("StartedBy", '@', 1) WHERE "StartedBy" LIKE '%@%';
                UPDATE multidb_runs SET "StartedBy" = split_part("StartedBy", '@', 1),
                    "Result" = CASE WHEN "Result" ? 'startedBy'
                        THEN jsonb_set("Result", '{startedBy}', to_jsonb(split_part("Result" ->> 'startedBy', '@', 1))) ELSE "Result" END
                WHERE "StartedBy" LIKE '%@%';
                """);

            // Whoever changes a user's roles, security stamp, lockout or name (an admin on any instance, a command, psql),
            // every instance hears it in the same commit and drops what it knew of that user (UserAccessCache).
            migrationBuilder.Sql("""
                CREATE FUNCTION notify_user_access() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_TABLE_NAME = 'AspNetUserRoles' THEN
                        PERFORM pg_notify('user_access', CASE WHEN TG_OP = 'DELETE' THEN OLD."UserId" ELSE NEW."UserId" END);
                    ELSE
                        PERFORM pg_notify('user_access', CASE WHEN TG_OP = 'DELETE' THEN OLD."Id" ELSE NEW."Id" END);
                    END IF;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER user_roles_notify_access AFTER INSERT OR UPDATE OR DELETE ON "AspNetUserRoles"
                    FOR EACH ROW EXECUTE FUNCTION notify_user_access();
                CREATE TRIGGER users_notify_access AFTER UPDATE OF "SecurityStamp", "LockoutEnd", "DisplayName", "Email" OR DELETE ON "AspNetUsers"
                    FOR EACH ROW EXECUTE FUNCTION notify_user_access();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER users_notify_access ON "AspNetUsers";
                DROP TRIGGER user_roles_notify_access ON "AspNetUserRoles";
                DROP FUNCTION notify_user_access();
                """);

            migrationBuilder.DeleteData(
                table: "AspNetRoles",
                keyColumn: "Id",
                keyValue: "role-admin");

            migrationBuilder.DeleteData(
                table: "AspNetRoles",
                keyColumn: "Id",
                keyValue: "role-member");

            migrationBuilder.DeleteData(
                table: "AspNetRoles",
                keyColumn: "Id",
                keyValue: "role-operator");

            migrationBuilder.DropColumn(
                name: "DisplayName",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "LastSignInAt",
                table: "AspNetUsers");
        }
    }
}

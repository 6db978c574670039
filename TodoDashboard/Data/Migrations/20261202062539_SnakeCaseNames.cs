using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TodoDashboard.Data.Migrations
{
    /// <summary>
    /// Moves every name to snake_case by renaming alone (tables, columns, indexes, keys, sequences), so an existing
    /// installation keeps its rows; check constraints and partial indexes follow their columns by themselves. The SQL
    /// is in SnakeCaseNames.Sql.cs.
    /// </summary>
    public partial class SnakeCaseNames : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.RenameTable(
                name: "DataProtectionKeys",
                newName: "data_protection_keys");

            migrationBuilder.RenameTable(
                name: "AspNetUserTokens",
                newName: "asp_net_user_tokens");

            migrationBuilder.RenameTable(
                name: "AspNetUsers",
                newName: "asp_net_users");

            migrationBuilder.RenameTable(
                name: "AspNetUserRoles",
                newName: "asp_net_user_roles");

            migrationBuilder.RenameTable(
                name: "AspNetUserLogins",
                newName: "asp_net_user_logins");

            migrationBuilder.RenameTable(
                name: "AspNetUserClaims",
                newName: "asp_net_user_claims");

            migrationBuilder.RenameTable(
                name: "AspNetRoles",
                newName: "asp_net_roles");

            migrationBuilder.RenameTable(
                name: "AspNetRoleClaims",
                newName: "asp_net_role_claims");

            migrationBuilder.RenameColumn(
                name: "Id",
                table: "used_refresh_tokens",
                newName: "id");

            migrationBuilder.RenameColumn(
                name: "UserId",
                table: "used_refresh_tokens",
                newName: "user_id");

            migrationBuilder.RenameColumn(
                name: "ExpiresAt",
                table: "used_refresh_tokens",
                newName: "expires_at");

            migrationBuilder.RenameColumn(
                name: "Title",
                table: "todos",
                newName: "title");

            migrationBuilder.RenameColumn(
                name: "Description",
                table: "todos",
                newName: "description");

            migrationBuilder.RenameColumn(
                name: "Id",
                table: "todos",
                newName: "id");

            migrationBuilder.RenameColumn(
                name: "OwnerId",
                table: "todos",
                newName: "owner_id");

            migrationBuilder.RenameColumn(
                name: "IsCompleted",
                table: "todos",
                newName: "is_completed");

            migrationBuilder.RenameColumn(
                name: "CreatedAt",
                table: "todos",
                newName: "created_at");

            migrationBuilder.RenameColumn(
                name: "Price",
                table: "shares",
                newName: "price");

            migrationBuilder.RenameColumn(
                name: "Name",
                table: "shares",
                newName: "name");

            migrationBuilder.RenameColumn(
                name: "Id",
                table: "shares",
                newName: "id");

            migrationBuilder.RenameColumn(
                name: "UpdatedAt",
                table: "shares",
                newName: "updated_at");

            migrationBuilder.RenameColumn(
                name: "CreatedAt",
                table: "shares",
                newName: "created_at");

            migrationBuilder.RenameColumn(
                name: "Version",
                table: "runs",
                newName: "version");

            migrationBuilder.RenameColumn(
                name: "Total",
                table: "runs",
                newName: "total");

            migrationBuilder.RenameColumn(
                name: "State",
                table: "runs",
                newName: "state");

            migrationBuilder.RenameColumn(
                name: "Parameters",
                table: "runs",
                newName: "parameters");

            migrationBuilder.RenameColumn(
                name: "Message",
                table: "runs",
                newName: "message");

            migrationBuilder.RenameColumn(
                name: "Kind",
                table: "runs",
                newName: "kind");

            migrationBuilder.RenameColumn(
                name: "Error",
                table: "runs",
                newName: "error");

            migrationBuilder.RenameColumn(
                name: "Done",
                table: "runs",
                newName: "done");

            migrationBuilder.RenameColumn(
                name: "Data",
                table: "runs",
                newName: "data");

            migrationBuilder.RenameColumn(
                name: "Attempt",
                table: "runs",
                newName: "attempt");

            migrationBuilder.RenameColumn(
                name: "Id",
                table: "runs",
                newName: "id");

            migrationBuilder.RenameColumn(
                name: "StartedAt",
                table: "runs",
                newName: "started_at");

            migrationBuilder.RenameColumn(
                name: "RetryOf",
                table: "runs",
                newName: "retry_of");

            migrationBuilder.RenameColumn(
                name: "OwnerName",
                table: "runs",
                newName: "owner_name");

            migrationBuilder.RenameColumn(
                name: "OwnerId",
                table: "runs",
                newName: "owner_id");

            migrationBuilder.RenameColumn(
                name: "FinishedAt",
                table: "runs",
                newName: "finished_at");

            migrationBuilder.RenameColumn(
                name: "ElapsedMs",
                table: "runs",
                newName: "elapsed_ms");

            migrationBuilder.RenameColumn(
                name: "CreatedAt",
                table: "runs",
                newName: "created_at");

            migrationBuilder.RenameColumn(
                name: "CancelRequested",
                table: "runs",
                newName: "cancel_requested");

            migrationBuilder.RenameColumn(
                name: "ActiveKey",
                table: "runs",
                newName: "active_key");

            migrationBuilder.RenameColumn(
                name: "Message",
                table: "run_log",
                newName: "message");

            migrationBuilder.RenameColumn(
                name: "Level",
                table: "run_log",
                newName: "level");

            migrationBuilder.RenameColumn(
                name: "At",
                table: "run_log",
                newName: "at");

            migrationBuilder.RenameColumn(
                name: "Id",
                table: "run_log",
                newName: "id");

            migrationBuilder.RenameColumn(
                name: "RunId",
                table: "run_log",
                newName: "run_id");

            migrationBuilder.RenameColumn(
                name: "Payload",
                table: "run_events",
                newName: "payload");

            migrationBuilder.RenameColumn(
                name: "At",
                table: "run_events",
                newName: "at");

            migrationBuilder.RenameColumn(
                name: "Version",
                table: "run_events",
                newName: "version");

            migrationBuilder.RenameColumn(
                name: "RunId",
                table: "run_events",
                newName: "run_id");

            migrationBuilder.RenameColumn(
                name: "Node",
                table: "run_cleanups",
                newName: "node");

            migrationBuilder.RenameColumn(
                name: "Deleted",
                table: "run_cleanups",
                newName: "deleted");

            migrationBuilder.RenameColumn(
                name: "At",
                table: "run_cleanups",
                newName: "at");

            migrationBuilder.RenameColumn(
                name: "Id",
                table: "run_cleanups",
                newName: "id");

            migrationBuilder.RenameColumn(
                name: "Outcome",
                table: "run_attempts",
                newName: "outcome");

            migrationBuilder.RenameColumn(
                name: "Number",
                table: "run_attempts",
                newName: "number");

            migrationBuilder.RenameColumn(
                name: "Node",
                table: "run_attempts",
                newName: "node");

            migrationBuilder.RenameColumn(
                name: "Id",
                table: "run_attempts",
                newName: "id");

            migrationBuilder.RenameColumn(
                name: "StartedAt",
                table: "run_attempts",
                newName: "started_at");

            migrationBuilder.RenameColumn(
                name: "RunId",
                table: "run_attempts",
                newName: "run_id");

            migrationBuilder.RenameColumn(
                name: "FinishedAt",
                table: "run_attempts",
                newName: "finished_at");

            migrationBuilder.RenameColumn(
                name: "DoneAtStart",
                table: "run_attempts",
                newName: "done_at_start");

            migrationBuilder.RenameColumn(
                name: "DoneAtEnd",
                table: "run_attempts",
                newName: "done_at_end");

            migrationBuilder.RenameColumn(
                name: "Id",
                table: "price_changes",
                newName: "id");

            migrationBuilder.RenameColumn(
                name: "ShareId",
                table: "price_changes",
                newName: "share_id");

            migrationBuilder.RenameColumn(
                name: "RunId",
                table: "price_changes",
                newName: "run_id");

            migrationBuilder.RenameColumn(
                name: "OldPrice",
                table: "price_changes",
                newName: "old_price");

            migrationBuilder.RenameColumn(
                name: "NewPrice",
                table: "price_changes",
                newName: "new_price");

            migrationBuilder.RenameColumn(
                name: "ChangedAt",
                table: "price_changes",
                newName: "changed_at");

            migrationBuilder.RenameColumn(
                name: "Result",
                table: "multidb_runs",
                newName: "result");

            migrationBuilder.RenameColumn(
                name: "Kind",
                table: "multidb_runs",
                newName: "kind");

            migrationBuilder.RenameColumn(
                name: "Id",
                table: "multidb_runs",
                newName: "id");

            migrationBuilder.RenameColumn(
                name: "StartedBy",
                table: "multidb_runs",
                newName: "started_by");

            migrationBuilder.RenameColumn(
                name: "ElapsedMs",
                table: "multidb_runs",
                newName: "elapsed_ms");

            migrationBuilder.RenameColumn(
                name: "CreatedAt",
                table: "multidb_runs",
                newName: "created_at");

            migrationBuilder.RenameColumn(
                name: "Number",
                table: "job_items",
                newName: "number");

            migrationBuilder.RenameColumn(
                name: "Name",
                table: "job_items",
                newName: "name");

            migrationBuilder.RenameColumn(
                name: "Description",
                table: "job_items",
                newName: "description");

            migrationBuilder.RenameColumn(
                name: "Id",
                table: "job_items",
                newName: "id");

            migrationBuilder.RenameColumn(
                name: "JobId",
                table: "job_items",
                newName: "job_id");

            migrationBuilder.RenameColumn(
                name: "CreatedAt",
                table: "job_items",
                newName: "created_at");

            migrationBuilder.RenameColumn(
                name: "Xml",
                table: "data_protection_keys",
                newName: "xml");

            migrationBuilder.RenameColumn(
                name: "Id",
                table: "data_protection_keys",
                newName: "id");

            migrationBuilder.RenameColumn(
                name: "FriendlyName",
                table: "data_protection_keys",
                newName: "friendly_name");

            migrationBuilder.RenameColumn(
                name: "Value",
                table: "asp_net_user_tokens",
                newName: "value");

            migrationBuilder.RenameColumn(
                name: "Name",
                table: "asp_net_user_tokens",
                newName: "name");

            migrationBuilder.RenameColumn(
                name: "LoginProvider",
                table: "asp_net_user_tokens",
                newName: "login_provider");

            migrationBuilder.RenameColumn(
                name: "UserId",
                table: "asp_net_user_tokens",
                newName: "user_id");

            migrationBuilder.RenameColumn(
                name: "Email",
                table: "asp_net_users",
                newName: "email");

            migrationBuilder.RenameColumn(
                name: "Id",
                table: "asp_net_users",
                newName: "id");

            migrationBuilder.RenameColumn(
                name: "UserName",
                table: "asp_net_users",
                newName: "user_name");

            migrationBuilder.RenameColumn(
                name: "TwoFactorEnabled",
                table: "asp_net_users",
                newName: "two_factor_enabled");

            migrationBuilder.RenameColumn(
                name: "SecurityStamp",
                table: "asp_net_users",
                newName: "security_stamp");

            migrationBuilder.RenameColumn(
                name: "PhoneNumberConfirmed",
                table: "asp_net_users",
                newName: "phone_number_confirmed");

            migrationBuilder.RenameColumn(
                name: "PhoneNumber",
                table: "asp_net_users",
                newName: "phone_number");

            migrationBuilder.RenameColumn(
                name: "PasswordHash",
                table: "asp_net_users",
                newName: "password_hash");

            migrationBuilder.RenameColumn(
                name: "NormalizedUserName",
                table: "asp_net_users",
                newName: "normalized_user_name");

            migrationBuilder.RenameColumn(
                name: "NormalizedEmail",
                table: "asp_net_users",
                newName: "normalized_email");

            migrationBuilder.RenameColumn(
                name: "LockoutEnd",
                table: "asp_net_users",
                newName: "lockout_end");

            migrationBuilder.RenameColumn(
                name: "LockoutEnabled",
                table: "asp_net_users",
                newName: "lockout_enabled");

            migrationBuilder.RenameColumn(
                name: "LastSignInAt",
                table: "asp_net_users",
                newName: "last_sign_in_at");

            migrationBuilder.RenameColumn(
                name: "EmailConfirmed",
                table: "asp_net_users",
                newName: "email_confirmed");

            migrationBuilder.RenameColumn(
                name: "DisplayName",
                table: "asp_net_users",
                newName: "display_name");

            migrationBuilder.RenameColumn(
                name: "ConcurrencyStamp",
                table: "asp_net_users",
                newName: "concurrency_stamp");

            migrationBuilder.RenameColumn(
                name: "AccessFailedCount",
                table: "asp_net_users",
                newName: "access_failed_count");

            migrationBuilder.RenameColumn(
                name: "RoleId",
                table: "asp_net_user_roles",
                newName: "role_id");

            migrationBuilder.RenameColumn(
                name: "UserId",
                table: "asp_net_user_roles",
                newName: "user_id");

            migrationBuilder.RenameColumn(
                name: "UserId",
                table: "asp_net_user_logins",
                newName: "user_id");

            migrationBuilder.RenameColumn(
                name: "ProviderDisplayName",
                table: "asp_net_user_logins",
                newName: "provider_display_name");

            migrationBuilder.RenameColumn(
                name: "ProviderKey",
                table: "asp_net_user_logins",
                newName: "provider_key");

            migrationBuilder.RenameColumn(
                name: "LoginProvider",
                table: "asp_net_user_logins",
                newName: "login_provider");

            migrationBuilder.RenameColumn(
                name: "Id",
                table: "asp_net_user_claims",
                newName: "id");

            migrationBuilder.RenameColumn(
                name: "UserId",
                table: "asp_net_user_claims",
                newName: "user_id");

            migrationBuilder.RenameColumn(
                name: "ClaimValue",
                table: "asp_net_user_claims",
                newName: "claim_value");

            migrationBuilder.RenameColumn(
                name: "ClaimType",
                table: "asp_net_user_claims",
                newName: "claim_type");

            migrationBuilder.RenameColumn(
                name: "Name",
                table: "asp_net_roles",
                newName: "name");

            migrationBuilder.RenameColumn(
                name: "Id",
                table: "asp_net_roles",
                newName: "id");

            migrationBuilder.RenameColumn(
                name: "NormalizedName",
                table: "asp_net_roles",
                newName: "normalized_name");

            migrationBuilder.RenameColumn(
                name: "ConcurrencyStamp",
                table: "asp_net_roles",
                newName: "concurrency_stamp");

            migrationBuilder.RenameColumn(
                name: "Id",
                table: "asp_net_role_claims",
                newName: "id");

            migrationBuilder.RenameColumn(
                name: "RoleId",
                table: "asp_net_role_claims",
                newName: "role_id");

            migrationBuilder.RenameColumn(
                name: "ClaimValue",
                table: "asp_net_role_claims",
                newName: "claim_value");

            migrationBuilder.RenameColumn(
                name: "ClaimType",
                table: "asp_net_role_claims",
                newName: "claim_type");

            migrationBuilder.RenameIndex(
                name: "IX_used_refresh_tokens_UserId",
                table: "used_refresh_tokens",
                newName: "ix_used_refresh_tokens_user_id");

            migrationBuilder.RenameIndex(
                name: "IX_used_refresh_tokens_ExpiresAt",
                table: "used_refresh_tokens",
                newName: "ix_used_refresh_tokens_expires_at");

            migrationBuilder.RenameIndex(
                name: "IX_todos_OwnerId_IsCompleted_CreatedAt_Id",
                table: "todos",
                newName: "ix_todos_owner_id_is_completed_created_at_id");

            migrationBuilder.RenameIndex(
                name: "IX_todos_OwnerId_CreatedAt_Id",
                table: "todos",
                newName: "ix_todos_owner_id_created_at_id");

            migrationBuilder.RenameIndex(
                name: "IX_shares_Name",
                table: "shares",
                newName: "ix_shares_name");

            migrationBuilder.RenameIndex(
                name: "IX_runs_OwnerId_CreatedAt_Id",
                table: "runs",
                newName: "ix_runs_owner_id_created_at_id");

            migrationBuilder.RenameIndex(
                name: "IX_runs_Kind_CreatedAt_Id",
                table: "runs",
                newName: "ix_runs_kind_created_at_id");

            migrationBuilder.RenameIndex(
                name: "IX_runs_CreatedAt_Id",
                table: "runs",
                newName: "ix_runs_created_at_id");

            migrationBuilder.RenameIndex(
                name: "IX_run_log_RunId_Id",
                table: "run_log",
                newName: "ix_run_log_run_id_id");

            migrationBuilder.RenameIndex(
                name: "IX_run_cleanups_At",
                table: "run_cleanups",
                newName: "ix_run_cleanups_at");

            migrationBuilder.RenameIndex(
                name: "IX_run_attempts_RunId_Number",
                table: "run_attempts",
                newName: "ix_run_attempts_run_id_number");

            migrationBuilder.RenameIndex(
                name: "IX_price_changes_ShareId_ChangedAt",
                table: "price_changes",
                newName: "ix_price_changes_share_id_changed_at");

            migrationBuilder.RenameIndex(
                name: "IX_price_changes_RunId_ShareId",
                table: "price_changes",
                newName: "ix_price_changes_run_id_share_id");

            migrationBuilder.RenameIndex(
                name: "IX_multidb_runs_CreatedAt",
                table: "multidb_runs",
                newName: "ix_multidb_runs_created_at");

            migrationBuilder.RenameIndex(
                name: "IX_job_items_JobId_Number",
                table: "job_items",
                newName: "ix_job_items_job_id_number");

            migrationBuilder.RenameIndex(
                name: "UserNameIndex",
                table: "asp_net_users",
                newName: "user_name_index");

            migrationBuilder.RenameIndex(
                name: "EmailIndex",
                table: "asp_net_users",
                newName: "email_index");

            migrationBuilder.RenameIndex(
                name: "IX_AspNetUserRoles_RoleId",
                table: "asp_net_user_roles",
                newName: "ix_asp_net_user_roles_role_id");

            migrationBuilder.RenameIndex(
                name: "IX_AspNetUserLogins_UserId",
                table: "asp_net_user_logins",
                newName: "ix_asp_net_user_logins_user_id");

            migrationBuilder.RenameIndex(
                name: "IX_AspNetUserClaims_UserId",
                table: "asp_net_user_claims",
                newName: "ix_asp_net_user_claims_user_id");

            migrationBuilder.RenameIndex(
                name: "RoleNameIndex",
                table: "asp_net_roles",
                newName: "role_name_index");

            migrationBuilder.RenameIndex(
                name: "IX_AspNetRoleClaims_RoleId",
                table: "asp_net_role_claims",
                newName: "ix_asp_net_role_claims_role_id");

            migrationBuilder.Sql(RenameKeysAndSequences(toSnakeCase: true));

            migrationBuilder.Sql(KindsByNameSql);

            migrationBuilder.Sql(SnakeCaseFunctionsSql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(PascalCaseFunctionsSql);

            migrationBuilder.Sql(KindsInLowerCaseSql);

            migrationBuilder.Sql(RenameKeysAndSequences(toSnakeCase: false));

            migrationBuilder.RenameTable(
                name: "data_protection_keys",
                newName: "DataProtectionKeys");

            migrationBuilder.RenameTable(
                name: "asp_net_users",
                newName: "AspNetUsers");

            migrationBuilder.RenameTable(
                name: "asp_net_user_tokens",
                newName: "AspNetUserTokens");

            migrationBuilder.RenameTable(
                name: "asp_net_user_roles",
                newName: "AspNetUserRoles");

            migrationBuilder.RenameTable(
                name: "asp_net_user_logins",
                newName: "AspNetUserLogins");

            migrationBuilder.RenameTable(
                name: "asp_net_user_claims",
                newName: "AspNetUserClaims");

            migrationBuilder.RenameTable(
                name: "asp_net_roles",
                newName: "AspNetRoles");

            migrationBuilder.RenameTable(
                name: "asp_net_role_claims",
                newName: "AspNetRoleClaims");
            migrationBuilder.RenameColumn(
                name: "id",
                table: "used_refresh_tokens",
                newName: "Id");

            migrationBuilder.RenameColumn(
                name: "user_id",
                table: "used_refresh_tokens",
                newName: "UserId");

            migrationBuilder.RenameColumn(
                name: "expires_at",
                table: "used_refresh_tokens",
                newName: "ExpiresAt");

            migrationBuilder.RenameColumn(
                name: "title",
                table: "todos",
                newName: "Title");

            migrationBuilder.RenameColumn(
                name: "description",
                table: "todos",
                newName: "Description");

            migrationBuilder.RenameColumn(
                name: "id",
                table: "todos",
                newName: "Id");

            migrationBuilder.RenameColumn(
                name: "owner_id",
                table: "todos",
                newName: "OwnerId");

            migrationBuilder.RenameColumn(
                name: "is_completed",
                table: "todos",
                newName: "IsCompleted");

            migrationBuilder.RenameColumn(
                name: "created_at",
                table: "todos",
                newName: "CreatedAt");

            migrationBuilder.RenameColumn(
                name: "price",
                table: "shares",
                newName: "Price");

            migrationBuilder.RenameColumn(
                name: "name",
                table: "shares",
                newName: "Name");

            migrationBuilder.RenameColumn(
                name: "id",
                table: "shares",
                newName: "Id");

            migrationBuilder.RenameColumn(
                name: "updated_at",
                table: "shares",
                newName: "UpdatedAt");

            migrationBuilder.RenameColumn(
                name: "created_at",
                table: "shares",
                newName: "CreatedAt");

            migrationBuilder.RenameColumn(
                name: "version",
                table: "runs",
                newName: "Version");

            migrationBuilder.RenameColumn(
                name: "total",
                table: "runs",
                newName: "Total");

            migrationBuilder.RenameColumn(
                name: "state",
                table: "runs",
                newName: "State");

            migrationBuilder.RenameColumn(
                name: "parameters",
                table: "runs",
                newName: "Parameters");

            migrationBuilder.RenameColumn(
                name: "message",
                table: "runs",
                newName: "Message");

            migrationBuilder.RenameColumn(
                name: "kind",
                table: "runs",
                newName: "Kind");

            migrationBuilder.RenameColumn(
                name: "error",
                table: "runs",
                newName: "Error");

            migrationBuilder.RenameColumn(
                name: "done",
                table: "runs",
                newName: "Done");

            migrationBuilder.RenameColumn(
                name: "data",
                table: "runs",
                newName: "Data");

            migrationBuilder.RenameColumn(
                name: "attempt",
                table: "runs",
                newName: "Attempt");

            migrationBuilder.RenameColumn(
                name: "id",
                table: "runs",
                newName: "Id");

            migrationBuilder.RenameColumn(
                name: "started_at",
                table: "runs",
                newName: "StartedAt");

            migrationBuilder.RenameColumn(
                name: "retry_of",
                table: "runs",
                newName: "RetryOf");

            migrationBuilder.RenameColumn(
                name: "owner_name",
                table: "runs",
                newName: "OwnerName");

            migrationBuilder.RenameColumn(
                name: "owner_id",
                table: "runs",
                newName: "OwnerId");

            migrationBuilder.RenameColumn(
                name: "finished_at",
                table: "runs",
                newName: "FinishedAt");

            migrationBuilder.RenameColumn(
                name: "elapsed_ms",
                table: "runs",
                newName: "ElapsedMs");

            migrationBuilder.RenameColumn(
                name: "created_at",
                table: "runs",
                newName: "CreatedAt");

            migrationBuilder.RenameColumn(
                name: "cancel_requested",
                table: "runs",
                newName: "CancelRequested");

            migrationBuilder.RenameColumn(
                name: "active_key",
                table: "runs",
                newName: "ActiveKey");

            migrationBuilder.RenameColumn(
                name: "message",
                table: "run_log",
                newName: "Message");

            migrationBuilder.RenameColumn(
                name: "level",
                table: "run_log",
                newName: "Level");

            migrationBuilder.RenameColumn(
                name: "at",
                table: "run_log",
                newName: "At");

            migrationBuilder.RenameColumn(
                name: "id",
                table: "run_log",
                newName: "Id");

            migrationBuilder.RenameColumn(
                name: "run_id",
                table: "run_log",
                newName: "RunId");

            migrationBuilder.RenameColumn(
                name: "payload",
                table: "run_events",
                newName: "Payload");

            migrationBuilder.RenameColumn(
                name: "at",
                table: "run_events",
                newName: "At");

            migrationBuilder.RenameColumn(
                name: "version",
                table: "run_events",
                newName: "Version");

            migrationBuilder.RenameColumn(
                name: "run_id",
                table: "run_events",
                newName: "RunId");

            migrationBuilder.RenameColumn(
                name: "node",
                table: "run_cleanups",
                newName: "Node");

            migrationBuilder.RenameColumn(
                name: "deleted",
                table: "run_cleanups",
                newName: "Deleted");

            migrationBuilder.RenameColumn(
                name: "at",
                table: "run_cleanups",
                newName: "At");

            migrationBuilder.RenameColumn(
                name: "id",
                table: "run_cleanups",
                newName: "Id");

            migrationBuilder.RenameColumn(
                name: "outcome",
                table: "run_attempts",
                newName: "Outcome");

            migrationBuilder.RenameColumn(
                name: "number",
                table: "run_attempts",
                newName: "Number");

            migrationBuilder.RenameColumn(
                name: "node",
                table: "run_attempts",
                newName: "Node");

            migrationBuilder.RenameColumn(
                name: "id",
                table: "run_attempts",
                newName: "Id");

            migrationBuilder.RenameColumn(
                name: "started_at",
                table: "run_attempts",
                newName: "StartedAt");

            migrationBuilder.RenameColumn(
                name: "run_id",
                table: "run_attempts",
                newName: "RunId");

            migrationBuilder.RenameColumn(
                name: "finished_at",
                table: "run_attempts",
                newName: "FinishedAt");

            migrationBuilder.RenameColumn(
                name: "done_at_start",
                table: "run_attempts",
                newName: "DoneAtStart");

            migrationBuilder.RenameColumn(
                name: "done_at_end",
                table: "run_attempts",
                newName: "DoneAtEnd");

            migrationBuilder.RenameColumn(
                name: "id",
                table: "price_changes",
                newName: "Id");

            migrationBuilder.RenameColumn(
                name: "share_id",
                table: "price_changes",
                newName: "ShareId");

            migrationBuilder.RenameColumn(
                name: "run_id",
                table: "price_changes",
                newName: "RunId");

            migrationBuilder.RenameColumn(
                name: "old_price",
                table: "price_changes",
                newName: "OldPrice");

            migrationBuilder.RenameColumn(
                name: "new_price",
                table: "price_changes",
                newName: "NewPrice");

            migrationBuilder.RenameColumn(
                name: "changed_at",
                table: "price_changes",
                newName: "ChangedAt");

            migrationBuilder.RenameColumn(
                name: "result",
                table: "multidb_runs",
                newName: "Result");

            migrationBuilder.RenameColumn(
                name: "kind",
                table: "multidb_runs",
                newName: "Kind");

            migrationBuilder.RenameColumn(
                name: "id",
                table: "multidb_runs",
                newName: "Id");

            migrationBuilder.RenameColumn(
                name: "started_by",
                table: "multidb_runs",
                newName: "StartedBy");

            migrationBuilder.RenameColumn(
                name: "elapsed_ms",
                table: "multidb_runs",
                newName: "ElapsedMs");

            migrationBuilder.RenameColumn(
                name: "created_at",
                table: "multidb_runs",
                newName: "CreatedAt");

            migrationBuilder.RenameColumn(
                name: "number",
                table: "job_items",
                newName: "Number");

            migrationBuilder.RenameColumn(
                name: "name",
                table: "job_items",
                newName: "Name");

            migrationBuilder.RenameColumn(
                name: "description",
                table: "job_items",
                newName: "Description");

            migrationBuilder.RenameColumn(
                name: "id",
                table: "job_items",
                newName: "Id");

            migrationBuilder.RenameColumn(
                name: "job_id",
                table: "job_items",
                newName: "JobId");

            migrationBuilder.RenameColumn(
                name: "created_at",
                table: "job_items",
                newName: "CreatedAt");

            migrationBuilder.RenameColumn(
                name: "xml",
                table: "DataProtectionKeys",
                newName: "Xml");

            migrationBuilder.RenameColumn(
                name: "id",
                table: "DataProtectionKeys",
                newName: "Id");

            migrationBuilder.RenameColumn(
                name: "friendly_name",
                table: "DataProtectionKeys",
                newName: "FriendlyName");

            migrationBuilder.RenameColumn(
                name: "email",
                table: "AspNetUsers",
                newName: "Email");

            migrationBuilder.RenameColumn(
                name: "id",
                table: "AspNetUsers",
                newName: "Id");

            migrationBuilder.RenameColumn(
                name: "user_name",
                table: "AspNetUsers",
                newName: "UserName");

            migrationBuilder.RenameColumn(
                name: "two_factor_enabled",
                table: "AspNetUsers",
                newName: "TwoFactorEnabled");

            migrationBuilder.RenameColumn(
                name: "security_stamp",
                table: "AspNetUsers",
                newName: "SecurityStamp");

            migrationBuilder.RenameColumn(
                name: "phone_number_confirmed",
                table: "AspNetUsers",
                newName: "PhoneNumberConfirmed");

            migrationBuilder.RenameColumn(
                name: "phone_number",
                table: "AspNetUsers",
                newName: "PhoneNumber");

            migrationBuilder.RenameColumn(
                name: "password_hash",
                table: "AspNetUsers",
                newName: "PasswordHash");

            migrationBuilder.RenameColumn(
                name: "normalized_user_name",
                table: "AspNetUsers",
                newName: "NormalizedUserName");

            migrationBuilder.RenameColumn(
                name: "normalized_email",
                table: "AspNetUsers",
                newName: "NormalizedEmail");

            migrationBuilder.RenameColumn(
                name: "lockout_end",
                table: "AspNetUsers",
                newName: "LockoutEnd");

            migrationBuilder.RenameColumn(
                name: "lockout_enabled",
                table: "AspNetUsers",
                newName: "LockoutEnabled");

            migrationBuilder.RenameColumn(
                name: "last_sign_in_at",
                table: "AspNetUsers",
                newName: "LastSignInAt");

            migrationBuilder.RenameColumn(
                name: "email_confirmed",
                table: "AspNetUsers",
                newName: "EmailConfirmed");

            migrationBuilder.RenameColumn(
                name: "display_name",
                table: "AspNetUsers",
                newName: "DisplayName");

            migrationBuilder.RenameColumn(
                name: "concurrency_stamp",
                table: "AspNetUsers",
                newName: "ConcurrencyStamp");

            migrationBuilder.RenameColumn(
                name: "access_failed_count",
                table: "AspNetUsers",
                newName: "AccessFailedCount");

            migrationBuilder.RenameColumn(
                name: "value",
                table: "AspNetUserTokens",
                newName: "Value");

            migrationBuilder.RenameColumn(
                name: "name",
                table: "AspNetUserTokens",
                newName: "Name");

            migrationBuilder.RenameColumn(
                name: "login_provider",
                table: "AspNetUserTokens",
                newName: "LoginProvider");

            migrationBuilder.RenameColumn(
                name: "user_id",
                table: "AspNetUserTokens",
                newName: "UserId");

            migrationBuilder.RenameColumn(
                name: "role_id",
                table: "AspNetUserRoles",
                newName: "RoleId");

            migrationBuilder.RenameColumn(
                name: "user_id",
                table: "AspNetUserRoles",
                newName: "UserId");

            migrationBuilder.RenameColumn(
                name: "user_id",
                table: "AspNetUserLogins",
                newName: "UserId");

            migrationBuilder.RenameColumn(
                name: "provider_display_name",
                table: "AspNetUserLogins",
                newName: "ProviderDisplayName");

            migrationBuilder.RenameColumn(
                name: "provider_key",
                table: "AspNetUserLogins",
                newName: "ProviderKey");

            migrationBuilder.RenameColumn(
                name: "login_provider",
                table: "AspNetUserLogins",
                newName: "LoginProvider");

            migrationBuilder.RenameColumn(
                name: "id",
                table: "AspNetUserClaims",
                newName: "Id");

            migrationBuilder.RenameColumn(
                name: "user_id",
                table: "AspNetUserClaims",
                newName: "UserId");

            migrationBuilder.RenameColumn(
                name: "claim_value",
                table: "AspNetUserClaims",
                newName: "ClaimValue");

            migrationBuilder.RenameColumn(
                name: "claim_type",
                table: "AspNetUserClaims",
                newName: "ClaimType");

            migrationBuilder.RenameColumn(
                name: "name",
                table: "AspNetRoles",
                newName: "Name");

            migrationBuilder.RenameColumn(
                name: "id",
                table: "AspNetRoles",
                newName: "Id");

            migrationBuilder.RenameColumn(
                name: "normalized_name",
                table: "AspNetRoles",
                newName: "NormalizedName");

            migrationBuilder.RenameColumn(
                name: "concurrency_stamp",
                table: "AspNetRoles",
                newName: "ConcurrencyStamp");

            migrationBuilder.RenameColumn(
                name: "id",
                table: "AspNetRoleClaims",
                newName: "Id");

            migrationBuilder.RenameColumn(
                name: "role_id",
                table: "AspNetRoleClaims",
                newName: "RoleId");

            migrationBuilder.RenameColumn(
                name: "claim_value",
                table: "AspNetRoleClaims",
                newName: "ClaimValue");

            migrationBuilder.RenameColumn(
                name: "claim_type",
                table: "AspNetRoleClaims",
                newName: "ClaimType");

            migrationBuilder.RenameIndex(
                name: "ix_used_refresh_tokens_user_id",
                table: "used_refresh_tokens",
                newName: "IX_used_refresh_tokens_UserId");

            migrationBuilder.RenameIndex(
                name: "ix_used_refresh_tokens_expires_at",
                table: "used_refresh_tokens",
                newName: "IX_used_refresh_tokens_ExpiresAt");

            migrationBuilder.RenameIndex(
                name: "ix_todos_owner_id_is_completed_created_at_id",
                table: "todos",
                newName: "IX_todos_OwnerId_IsCompleted_CreatedAt_Id");

            migrationBuilder.RenameIndex(
                name: "ix_todos_owner_id_created_at_id",
                table: "todos",
                newName: "IX_todos_OwnerId_CreatedAt_Id");

            migrationBuilder.RenameIndex(
                name: "ix_shares_name",
                table: "shares",
                newName: "IX_shares_Name");

            migrationBuilder.RenameIndex(
                name: "ix_runs_owner_id_created_at_id",
                table: "runs",
                newName: "IX_runs_OwnerId_CreatedAt_Id");

            migrationBuilder.RenameIndex(
                name: "ix_runs_kind_created_at_id",
                table: "runs",
                newName: "IX_runs_Kind_CreatedAt_Id");

            migrationBuilder.RenameIndex(
                name: "ix_runs_created_at_id",
                table: "runs",
                newName: "IX_runs_CreatedAt_Id");

            migrationBuilder.RenameIndex(
                name: "ix_run_log_run_id_id",
                table: "run_log",
                newName: "IX_run_log_RunId_Id");

            migrationBuilder.RenameIndex(
                name: "ix_run_cleanups_at",
                table: "run_cleanups",
                newName: "IX_run_cleanups_At");

            migrationBuilder.RenameIndex(
                name: "ix_run_attempts_run_id_number",
                table: "run_attempts",
                newName: "IX_run_attempts_RunId_Number");

            migrationBuilder.RenameIndex(
                name: "ix_price_changes_share_id_changed_at",
                table: "price_changes",
                newName: "IX_price_changes_ShareId_ChangedAt");

            migrationBuilder.RenameIndex(
                name: "ix_price_changes_run_id_share_id",
                table: "price_changes",
                newName: "IX_price_changes_RunId_ShareId");

            migrationBuilder.RenameIndex(
                name: "ix_multidb_runs_created_at",
                table: "multidb_runs",
                newName: "IX_multidb_runs_CreatedAt");

            migrationBuilder.RenameIndex(
                name: "ix_job_items_job_id_number",
                table: "job_items",
                newName: "IX_job_items_JobId_Number");

            migrationBuilder.RenameIndex(
                name: "user_name_index",
                table: "AspNetUsers",
                newName: "UserNameIndex");

            migrationBuilder.RenameIndex(
                name: "email_index",
                table: "AspNetUsers",
                newName: "EmailIndex");

            migrationBuilder.RenameIndex(
                name: "ix_asp_net_user_roles_role_id",
                table: "AspNetUserRoles",
                newName: "IX_AspNetUserRoles_RoleId");

            migrationBuilder.RenameIndex(
                name: "ix_asp_net_user_logins_user_id",
                table: "AspNetUserLogins",
                newName: "IX_AspNetUserLogins_UserId");

            migrationBuilder.RenameIndex(
                name: "ix_asp_net_user_claims_user_id",
                table: "AspNetUserClaims",
                newName: "IX_AspNetUserClaims_UserId");

            migrationBuilder.RenameIndex(
                name: "role_name_index",
                table: "AspNetRoles",
                newName: "RoleNameIndex");

            migrationBuilder.RenameIndex(
                name: "ix_asp_net_role_claims_role_id",
                table: "AspNetRoleClaims",
                newName: "IX_AspNetRoleClaims_RoleId");
        }
    }
}

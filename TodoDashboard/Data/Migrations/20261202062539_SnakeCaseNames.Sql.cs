using TodoDashboard.Features.MultiDatabase;
using TodoDashboard.Infrastructure.LiveUpdates;

namespace TodoDashboard.Data.Migrations;

/// <summary>
/// The SQL of the snake_case migration: keys and sequences renamed (EF would drop and recreate the keys), the
/// multi-database runs' kinds stored by name, and the trigger functions, whose bodies name columns as text, rewritten.
/// </summary>
public partial class SnakeCaseNames
{
    // (table as renamed, old name, new name): every primary and foreign key.
    private static readonly (string Table, string Old, string New)[] Constraints =
    [
        ("used_refresh_tokens", "PK_used_refresh_tokens", "pk_used_refresh_tokens"),
        ("todos", "PK_todos", "pk_todos"),
        ("shares", "PK_shares", "pk_shares"),
        ("runs", "PK_runs", "pk_runs"),
        ("run_log", "PK_run_log", "pk_run_log"),
        ("run_events", "PK_run_events", "pk_run_events"),
        ("run_cleanups", "PK_run_cleanups", "pk_run_cleanups"),
        ("run_attempts", "PK_run_attempts", "pk_run_attempts"),
        ("price_changes", "PK_price_changes", "pk_price_changes"),
        ("multidb_runs", "PK_multidb_runs", "pk_multidb_runs"),
        ("job_items", "PK_job_items", "pk_job_items"),
        ("customers", "PK_customers", "pk_customers"),
        ("data_protection_keys", "PK_DataProtectionKeys", "pk_data_protection_keys"),
        ("asp_net_user_tokens", "PK_AspNetUserTokens", "pk_asp_net_user_tokens"),
        ("asp_net_users", "PK_AspNetUsers", "pk_asp_net_users"),
        ("asp_net_user_roles", "PK_AspNetUserRoles", "pk_asp_net_user_roles"),
        ("asp_net_user_logins", "PK_AspNetUserLogins", "pk_asp_net_user_logins"),
        ("asp_net_user_claims", "PK_AspNetUserClaims", "pk_asp_net_user_claims"),
        ("asp_net_roles", "PK_AspNetRoles", "pk_asp_net_roles"),
        ("asp_net_role_claims", "PK_AspNetRoleClaims", "pk_asp_net_role_claims"),
        ("asp_net_role_claims", "FK_AspNetRoleClaims_AspNetRoles_RoleId", "fk_asp_net_role_claims_asp_net_roles_role_id"),
        ("asp_net_user_claims", "FK_AspNetUserClaims_AspNetUsers_UserId", "fk_asp_net_user_claims_asp_net_users_user_id"),
        ("asp_net_user_logins", "FK_AspNetUserLogins_AspNetUsers_UserId", "fk_asp_net_user_logins_asp_net_users_user_id"),
        ("asp_net_user_roles", "FK_AspNetUserRoles_AspNetRoles_RoleId", "fk_asp_net_user_roles_asp_net_roles_role_id"),
        ("asp_net_user_roles", "FK_AspNetUserRoles_AspNetUsers_UserId", "fk_asp_net_user_roles_asp_net_users_user_id"),
        ("asp_net_user_tokens", "FK_AspNetUserTokens_AspNetUsers_UserId", "fk_asp_net_user_tokens_asp_net_users_user_id"),
        ("job_items", "FK_job_items_runs_JobId", "fk_job_items_run_job_id"),
        ("run_attempts", "FK_run_attempts_runs_RunId", "fk_run_attempts_run_run_id"),
        ("run_events", "FK_run_events_runs_RunId", "fk_run_events_runs_run_id"),
        ("run_log", "FK_run_log_runs_RunId", "fk_run_log_runs_run_id"),
        ("runs", "FK_runs_AspNetUsers_OwnerId", "fk_runs_asp_net_users_owner_id"),
        ("todos", "FK_todos_AspNetUsers_OwnerId", "fk_todos_asp_net_users_owner_id"),
        ("used_refresh_tokens", "FK_used_refresh_tokens_AspNetUsers_UserId", "fk_used_refresh_tokens_asp_net_users_user_id"),
    ];

    // (old name, new name): the identity columns' sequences, named as PostgreSQL names them for a new database.
    private static readonly (string Old, string New)[] Sequences =
    [
        ("DataProtectionKeys_Id_seq", "data_protection_keys_id_seq"),
        ("AspNetRoleClaims_Id_seq", "asp_net_role_claims_id_seq"),
        ("AspNetUserClaims_Id_seq", "asp_net_user_claims_id_seq"),
        ("todos_Id_seq", "todos_id_seq"),
        ("job_items_Id_seq", "job_items_id_seq"),
        ("shares_Id_seq", "shares_id_seq"),
        ("price_changes_Id_seq", "price_changes_id_seq"),
        ("run_attempts_Id_seq", "run_attempts_id_seq"),
        ("run_log_Id_seq", "run_log_id_seq"),
        ("run_cleanups_Id_seq", "run_cleanups_id_seq"),
    ];

    // The stored kind was the API's lower-case word; it is now the enum's name, like every other enum column.
    private static readonly string KindsByNameSql = $"""
        UPDATE multidb_runs SET kind = CASE kind
            WHEN 'default' THEN '{nameof(MultiDbRunKind.Default)}' WHEN 'custom' THEN '{nameof(MultiDbRunKind.Custom)}'
            WHEN 'scale' THEN '{nameof(MultiDbRunKind.Scale)}' ELSE kind END;
        """;

    private const string KindsInLowerCaseSql = "UPDATE multidb_runs SET kind = lower(kind);";

    // The same three functions as before, naming the renamed columns. The run-table triggers of the first migrations
    // lost their tables to the run engine and only their functions were left: those go.
    private static readonly string SnakeCaseFunctionsSql = $$"""
        DROP FUNCTION IF EXISTS notify_job_change();
        DROP FUNCTION IF EXISTS notify_price_update_change();
        DROP FUNCTION IF EXISTS notify_customer_generation_change();

        CREATE OR REPLACE FUNCTION notify_user_access() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_TABLE_NAME = 'asp_net_user_roles' THEN
                PERFORM pg_notify('{{NotificationChannels.UserAccess}}', CASE WHEN TG_OP = 'DELETE' THEN OLD.user_id ELSE NEW.user_id END);
            ELSE
                PERFORM pg_notify('{{NotificationChannels.UserAccess}}', CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END);
            END IF;
            RETURN NULL;
        END $$;

        CREATE OR REPLACE FUNCTION runs_version() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
            NEW.version := CASE WHEN TG_OP = 'INSERT' THEN 1 ELSE OLD.version + 1 END;
            RETURN NEW;
        END $fn$;

        CREATE OR REPLACE FUNCTION runs_announce() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
            INSERT INTO run_events (run_id, version, at, payload) VALUES (NEW.id, NEW.version, now(), jsonb_build_object(
                'id', NEW.id, 'kind', NEW.kind, 'ownerId', NEW.owner_id, 'ownerName', NEW.owner_name, 'state', NEW.state,
                'activeKey', NEW.active_key, 'done', NEW.done, 'total', NEW.total, 'message', NEW.message,
                'cancelRequested', NEW.cancel_requested, 'createdAt', NEW.created_at, 'startedAt', NEW.started_at,
                'finishedAt', NEW.finished_at, 'error', NEW.error, 'parameters', NEW.parameters, 'data', NEW.data,
                'attempt', NEW.attempt, 'elapsedMs', NEW.elapsed_ms, 'retryOf', NEW.retry_of, 'version', NEW.version));
            PERFORM pg_notify('{{NotificationChannels.Runs}}', json_build_object(
                'id', NEW.id, 'kind', NEW.kind, 'ownerId', NEW.owner_id, 'state', NEW.state, 'done', NEW.done,
                'total', NEW.total, 'cancelRequested', NEW.cancel_requested, 'version', NEW.version)::text);
            RETURN NULL;
        END $fn$;
        """;

    private static readonly string PascalCaseFunctionsSql = $$"""
        CREATE OR REPLACE FUNCTION notify_user_access() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_TABLE_NAME = 'AspNetUserRoles' THEN
                PERFORM pg_notify('{{NotificationChannels.UserAccess}}', CASE WHEN TG_OP = 'DELETE' THEN OLD."UserId" ELSE NEW."UserId" END);
            ELSE
                PERFORM pg_notify('{{NotificationChannels.UserAccess}}', CASE WHEN TG_OP = 'DELETE' THEN OLD."Id" ELSE NEW."Id" END);
            END IF;
            RETURN NULL;
        END $$;

        CREATE OR REPLACE FUNCTION runs_version() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
            NEW."Version" := CASE WHEN TG_OP = 'INSERT' THEN 1 ELSE OLD."Version" + 1 END;
            RETURN NEW;
        END $fn$;

        CREATE OR REPLACE FUNCTION runs_announce() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
            INSERT INTO run_events ("RunId", "Version", "At", "Payload") VALUES (NEW."Id", NEW."Version", now(), jsonb_build_object(
                'id', NEW."Id", 'kind', NEW."Kind", 'ownerId', NEW."OwnerId", 'ownerName', NEW."OwnerName", 'state', NEW."State",
                'activeKey', NEW."ActiveKey", 'done', NEW."Done", 'total', NEW."Total", 'message', NEW."Message",
                'cancelRequested', NEW."CancelRequested", 'createdAt', NEW."CreatedAt", 'startedAt', NEW."StartedAt",
                'finishedAt', NEW."FinishedAt", 'error', NEW."Error", 'parameters', NEW."Parameters", 'data', NEW."Data",
                'attempt', NEW."Attempt", 'elapsedMs', NEW."ElapsedMs", 'retryOf', NEW."RetryOf", 'version', NEW."Version"));
            PERFORM pg_notify('{{NotificationChannels.Runs}}', json_build_object(
                'id', NEW."Id", 'kind', NEW."Kind", 'ownerId', NEW."OwnerId", 'state', NEW."State", 'done', NEW."Done",
                'total', NEW."Total", 'cancelRequested', NEW."CancelRequested", 'version', NEW."Version")::text);
            RETURN NULL;
        END $fn$;
        """;

    private static string RenameKeysAndSequences(bool toSnakeCase) => string.Join('\n', toSnakeCase
        ? Constraints.Select(c => $"""ALTER TABLE {c.Table} RENAME CONSTRAINT "{c.Old}" TO {c.New};""")
            .Concat(Sequences.Select(q => $"""ALTER SEQUENCE "{q.Old}" RENAME TO {q.New};"""))
        : Constraints.Select(c => $"""ALTER TABLE {c.Table} RENAME CONSTRAINT {c.New} TO "{c.Old}";""")
            .Concat(Sequences.Select(q => $"""ALTER SEQUENCE {q.New} RENAME TO "{q.Old}";""")));
}

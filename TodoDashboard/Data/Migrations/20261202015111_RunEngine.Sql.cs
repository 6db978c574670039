using TodoDashboard.Infrastructure.LiveUpdates;

namespace TodoDashboard.Data.Migrations;

/// <summary>The SQL of the run engine's migration: the old run tables' rows moved over, and the triggers on runs.</summary>
public partial class RunEngine
{
    private const string OwnerByName = """
        (SELECT u."Id" FROM "AspNetUsers" u WHERE u."DisplayName" = {0} OR u."Email" = {0} ORDER BY u."Id" LIMIT 1)
        """;

    private static readonly string CopyExistingRunsSql = $$"""
        INSERT INTO runs ("Id", "Kind", "OwnerId", "OwnerName", "State", "ActiveKey", "Done", "Total", "Message", "CancelRequested",
                          "CreatedAt", "StartedAt", "FinishedAt", "Error", "Parameters", "Data", "Attempt", "ElapsedMs", "Version")
        SELECT j."Id", 'jobs', j."OwnerId", COALESCE(u."DisplayName", u."Email", 'Unknown'),
               CASE j."Status" WHEN 'Processing' THEN 'Running' ELSE j."Status" END, j."OwnerId", j."Done", j."Total", NULL,
               j."CancelRequested", j."CreatedAt", j."StartedAt", j."FinishedAt", j."Error",
               jsonb_build_object('items', j."Total"), '{}'::jsonb, CASE WHEN j."StartedAt" IS NULL THEN 0 ELSE 1 END,
               COALESCE(EXTRACT(EPOCH FROM (j."FinishedAt" - j."StartedAt")) * 1000, 0), 0
        FROM jobs j LEFT JOIN "AspNetUsers" u ON u."Id" = j."OwnerId";

        INSERT INTO runs ("Id", "Kind", "OwnerId", "OwnerName", "State", "ActiveKey", "Done", "Total", "Message", "CancelRequested",
                          "CreatedAt", "StartedAt", "FinishedAt", "Error", "Parameters", "Data", "Attempt", "ElapsedMs", "Version")
        SELECT r."Id", 'price-updates', {{string.Format(OwnerByName, "r.\"StartedBy\"")}}, r."StartedBy",
               CASE r."Status" WHEN 'Processing' THEN 'Running' ELSE r."Status" END, NULL, r."Done", r."Total", NULL, false,
               r."CreatedAt", r."StartedAt", r."FinishedAt", r."Error",
               jsonb_build_object('strategy', r."Strategy", 'change', r."Change", 'amount', r."Amount", 'seed', r."Seed"), '{}'::jsonb,
               CASE WHEN r."StartedAt" IS NULL THEN 0 ELSE 1 END, COALESCE(r."ElapsedMs", 0), 0
        FROM price_update_runs r;

        INSERT INTO runs ("Id", "Kind", "OwnerId", "OwnerName", "State", "ActiveKey", "Done", "Total", "Message", "CancelRequested",
                          "CreatedAt", "StartedAt", "FinishedAt", "Error", "Parameters", "Data", "Attempt", "ElapsedMs", "Version")
        SELECT g."Id", 'customer-generation', {{string.Format(OwnerByName, "g.\"StartedBy\"")}}, g."StartedBy",
               CASE WHEN g."Status" IN ('Loading', 'Indexing') THEN 'Running' ELSE g."Status" END, 'cluster', g."Done", g."Count",
               CASE g."Status" WHEN 'Indexing' THEN 'Rebuilding the search indexes' ELSE NULL END, false,
               g."CreatedAt", g."StartedAt", g."FinishedAt", g."Error",
               jsonb_build_object('count', g."Count", 'firstNumber', g."FirstNumber"),
               jsonb_build_object('phase', CASE WHEN g."Status" IN ('Queued', 'Loading') THEN 'Loading' ELSE 'Indexing' END,
                                  'droppedIndexes', g."DroppedIndexes", 'indexesBuilt', g."IndexesBuilt",
                                  'loadMs', g."LoadMs", 'indexMs', g."IndexMs"),
               CASE WHEN g."StartedAt" IS NULL THEN 0 ELSE 1 END, COALESCE(g."LoadMs", 0) + COALESCE(g."IndexMs", 0), 0
        FROM customer_generation_runs g;
        """;

    // Every change raises the run's version (an event's id), records the run as of that version (so an event stream
    // resumes from any id), and announces it on every node, all in the transaction that makes the change.
    private static readonly string RunTriggersSql = $$"""
        CREATE FUNCTION runs_version() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
            NEW."Version" := CASE WHEN TG_OP = 'INSERT' THEN 1 ELSE OLD."Version" + 1 END;
            RETURN NEW;
        END $fn$;
        CREATE TRIGGER runs_version BEFORE INSERT OR UPDATE ON runs FOR EACH ROW EXECUTE FUNCTION runs_version();

        CREATE FUNCTION runs_announce() RETURNS trigger LANGUAGE plpgsql AS $fn$
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
        CREATE TRIGGER runs_announce AFTER INSERT OR UPDATE ON runs FOR EACH ROW EXECUTE FUNCTION runs_announce();
        """;

    // The three old Quartz jobs are gone: their scheduled entries would name classes that no longer exist. The recovery
    // sweep schedules any run left active under the engine's one job.
    private const string RemoveOldQuartzJobsSql = """
        DO $$
        BEGIN
            IF to_regclass('qrtz_job_details') IS NOT NULL THEN
                DELETE FROM qrtz_fired_triggers WHERE job_group IN ('items', 'price-updates', 'customer-generation');
                DELETE FROM qrtz_simple_triggers s USING qrtz_triggers t
                    WHERE s.sched_name = t.sched_name AND s.trigger_name = t.trigger_name AND s.trigger_group = t.trigger_group
                      AND t.job_group IN ('items', 'price-updates', 'customer-generation');
                DELETE FROM qrtz_triggers WHERE job_group IN ('items', 'price-updates', 'customer-generation');
                DELETE FROM qrtz_job_details WHERE job_group IN ('items', 'price-updates', 'customer-generation');
            END IF;
        END $$;
        """;
}

using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using TodoDashboard.Infrastructure.LiveUpdates;

#nullable disable

namespace TodoDashboard.Data.Migrations
{
    /// <summary>
    /// The runs trigger's NOTIFY carries when it was sent (<see cref="NotificationSentAt"/>), so every instance can
    /// measure how long a change takes to reach it and its pages. No table changes, so no model snapshot.
    /// </summary>
    [DbContext(typeof(AppDbContext))]
    [Migration("20261202161500_RunsNotifySentAt")]
    public class RunsNotifySentAt : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(RunsAnnounceSql(withSentAt: true));

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(RunsAnnounceSql(withSentAt: false));

        private static string RunsAnnounceSql(bool withSentAt) => $$"""
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
                    'total', NEW.total, 'cancelRequested', NEW.cancel_requested, 'version', NEW.version{{(withSentAt
                        ? $", '{NotificationSentAt.Key}', {NotificationSentAt.Sql}"
                        : "")}})::text);
                RETURN NULL;
            END $fn$;
            """;
    }
}

#!/usr/bin/env bash
# The run engine's own overhead, with the built-in no-op kind (Runs:EnableNoOpKind=true: each step commits nothing
# but its progress):
#   starts   runs started per second: POST /api/runs/noop {"steps": 1} under hey;
#   steps    steps committed per second with 1, 10 and 100 concurrent runs: sum(runs.done) over wall time, both
#            read from the database, over BENCH_WINDOW seconds while every run is running;
#   latency  commit -> SSE p50/p95 at those concurrencies: one run's GET /api/runs/{id}/events read by curl -N, each
#            line stamped on arrival by ts (moreutils), against run_events.at of the event's version (the step
#            transaction's start, so an upper bound by that transaction's length); where the build has no
#            /api/runs/{id}/events, commit -> NOTIFY receipt on a psql LISTEN session instead (2 ms resolution);
# beside the raw SQL ceiling: pgbench running the engine's step statement at the same concurrencies, on the same
# cluster, in the same run (after the app has stopped). See bench/README.md.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

STARTS=${BENCH_STARTS:-2000}
START_CONCURRENCY=${BENCH_START_CONCURRENCY:-16}
read -r -a CONCURRENCIES <<<"${BENCH_CONCURRENCIES:-1 10 100}"
WINDOW=${BENCH_WINDOW:-15}
LONG_RUN_STEPS=1000000

ensure_postgres bench "${TODO_DASHBOARD_BENCH_PG_PORT:-55434}"
if [ -z "${ConnectionStrings__DefaultConnection:-}" ]; then
  # A database of its own (an app on another database must not be able to pick up these runs). An executing run
  # holds two connections (its lock's session and its step's), so 100 runs need more than Npgsql's default 100.
  export ConnectionStrings__DefaultConnection="Host=$PG_HOST;Port=$PG_PORT;Database=todo_dashboard_bench_runs;Username=$PG_USER;Maximum Pool Size=250"
fi
# Every run of the largest concurrency gets a worker thread, and one user (the bench's) may hold them all.
workers=$((${CONCURRENCIES[-1]} + 10))
export Runs__EnableNoOpKind=true Runs__MaxShareOfWorkersPerUser=1 Quartz__MaxConcurrency=$workers
# The retention clean-up keeps 1,000 finished runs per kind by default: it would remove the runs being counted.
export Runs__Retention__MaxRunsPerKind=100000000
bench_install ts=moreutils
bench_start runs
export PGTZ=UTC
sql() { "$PSQL" -X -q -At -v ON_ERROR_STOP=1 "$@"; }

# Starting a no-op run takes an Operator.
bench_grant_role Operator
# Runs left active by an interrupted bench would hold workers.
sql <<<"UPDATE runs SET state = 'Cancelled', finished_at = now() WHERE kind = 'noop' AND state IN ('Queued', 'Running')"

active_noop() { sql <<<"SELECT count(*) FROM runs WHERE kind = 'noop' AND state IN ('Queued', 'Running')"; }
# Waits (bounded) until no no-op run is active.
wait_idle() {
  for _ in $(seq 1 1200); do
    [ "$(active_noop)" = 0 ] && return 0
    sleep 0.25
  done
  echo "No-op runs still active after 300 s: $(active_noop)." >&2
  exit 1
}
# start_runs REQUESTS CONCURRENCY BODY REPORT; hey sends REQUESTS / CONCURRENCY per connection, so REQUESTS is rounded down to
# a multiple of CONCURRENCY (the count it prints).
start_runs() {
  local count=$(($1 / $2 * $2))
  hey -n "$count" -c "$2" -m POST -T application/json -H "$auth" -d "$3" "$base/api/runs/noop" >"$4"
  expect_all "$4" "$count" 202 "POST /api/runs/noop"
  echo "$count"
}

echo "Starts: a warm-up of 200, then $STARTS one-step runs, hey -c $START_CONCURRENCY..."
start_runs 200 "$START_CONCURRENCY" '{"steps": 1}' "$out/hey-runs-warmup.txt" >/dev/null
wait_idle
starts_from=$(sql <<<"SELECT clock_timestamp()")
starts=$(start_runs "$STARTS" "$START_CONCURRENCY" '{"steps": 1}' "$out/hey-runs-start.txt")
wait_idle
start_rps=$(requests_per_second "$out/hey-runs-start.txt")
start_p50=$(latency "$out/hey-runs-start.txt" 50)
start_p95=$(latency "$out/hey-runs-start.txt" 95)
read -r finished finish_rps queue_p50 < <(sql -F ' ' -v from="$starts_from" <<<"
  SELECT count(*) FILTER (WHERE state = 'Succeeded'),
         round(count(*) / extract(epoch FROM max(finished_at) - min(created_at))::numeric),
         round((percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM finished_at - created_at)) * 1000)::numeric, 1)
  FROM runs WHERE kind = 'noop' AND created_at >= :'from'")
[ "$finished" = "$starts" ] || { echo "Only $finished of $starts one-step runs succeeded." >&2; exit 1; }

# Which live feed to time: the runs API's SSE stream where this build has it, else the NOTIFY the trigger sends.
probe_run=$(sql -v from="$starts_from" <<<"SELECT id FROM runs WHERE kind = 'noop' AND created_at >= :'from' LIMIT 1")
if [ "$(curl -s -o /dev/null -w '%{http_code}' -H "$auth" "$base/api/runs/$probe_run/events")" = 200 ]; then
  feed=sse
  feed_name="commit -> SSE (GET /api/runs/{id}/events, curl -N)"
else
  feed=notify
  feed_name="commit -> NOTIFY receipt (psql LISTEN, 2 ms resolution: no /api/runs/{id}/events in this build)"
fi

# follow RUN SECONDS OUTPUT: writes "received-epoch,version" for each event of RUN that arrives within SECONDS.
follow() {
  local raw=$3.raw
  if [ "$feed" = sse ]; then
    { timeout "$2" curl -sN -H "$auth" "$base/api/runs/$1/events" || true; } | ts '%.s' >"$raw"
    # The first event is the run as it was when the stream opened, not a fresh commit.
    awk '$2 ~ /^id:/ { v = ($2 == "id:") ? $3 : substr($2, 4); if (seen++) print $1 "," v }' "$raw" >"$3"
  else
    # psql prints a notification after the result of the query during which it arrived (\watch prints none), so the
    # session runs a bounded stream of 2 ms sleeps, each answering the time it ended: the time printed before a
    # notification bounds its receipt from above, by at most one sleep.
    yes 'SELECT extract(epoch FROM clock_timestamp()) FROM pg_sleep(0.002);' | head -n $(($2 * 450)) \
      | { echo "LISTEN runs;"; cat; } | { timeout -k 5 $(($2 + 5)) "$PSQL" -X -q -At 2>/dev/null || true; } >"$raw" || true
    awk -v id="$1" '/^[0-9.]+$/ { last = $1; next }
                    /^Asynchronous notification/ && index($0, id) && last != "" {
                      if (match($0, /"version" *: *[0-9]+/)) { v = substr($0, RSTART, RLENGTH); gsub(/[^0-9]/, "", v); print last "," v } }' "$raw" >"$3"
  fi
}

declare -A steps_ps p50 p95 samples sql_tps
for n in "${CONCURRENCIES[@]}"; do
  echo "Steps: $n concurrent runs of $LONG_RUN_STEPS steps, measured over ${WINDOW}s..."
  from=$(sql <<<"SELECT clock_timestamp()")
  start_runs "$n" $((n < 20 ? n : 20)) "{\"steps\": $LONG_RUN_STEPS}" "$out/hey-runs-steps-$n.txt" >/dev/null
  running() { sql -v from="$from" <<<"SELECT count(*) FROM runs WHERE kind = 'noop' AND created_at >= :'from' AND state = 'Running' AND done > 0"; }
  for _ in $(seq 1 240); do [ "$(running)" = "$n" ] && break; sleep 0.25; done
  [ "$(running)" = "$n" ] || { echo "Only $(running) of $n runs got running." >&2; exit 1; }
  sleep 2
  run=$(sql -v from="$from" <<<"SELECT id FROM runs WHERE kind = 'noop' AND created_at >= :'from' ORDER BY created_at LIMIT 1")
  progress="SELECT sum(done), extract(epoch FROM clock_timestamp()) FROM runs WHERE kind = 'noop' AND created_at >= :'from'"
  follow "$run" "$WINDOW" "$out/feed-runs-$n.csv" &
  follower=$!
  read -r done0 at0 < <(sql -F ' ' -v from="$from" <<<"$progress")
  sleep "$WINDOW"
  read -r done1 at1 < <(sql -F ' ' -v from="$from" <<<"$progress")
  wait "$follower" || true
  # Cancelled through the database: the trigger's NOTIFY reaches each executor, which stops at its next step.
  sql -v from="$from" <<<"UPDATE runs SET cancel_requested = true WHERE kind = 'noop' AND created_at >= :'from' AND state = 'Running'"
  wait_idle
  steps_ps[$n]=$(awk -v a="$done0" -v b="$done1" -v s="$at0" -v e="$at1" 'BEGIN { printf "%.0f", (b - a) / (e - s) }')
  read -r samples[$n] p50[$n] p95[$n] < <(sql -F ' ' -v run="$run" \
    -c 'CREATE TEMP TABLE samples (received double precision, version bigint)' \
    -c "\\copy samples FROM '$out/feed-runs-$n.csv' WITH (FORMAT csv)" \
    -c "SELECT count(*), round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms)::numeric, 2),
               round(percentile_cont(0.95) WITHIN GROUP (ORDER BY ms)::numeric, 2)
        FROM (SELECT (s.received - extract(epoch FROM e.at)) * 1000 AS ms
              FROM samples s JOIN run_events e ON e.run_id = '$run' AND e.version = s.version) AS x")
done
stop_app

echo "SQL ceiling: pgbench, the engine's step statement, one running run per client..."
PGBENCH=$(dirname "$PSQL")/pgbench
[ -x "$PGBENCH" ] || PGBENCH=$(ls /usr/lib/postgresql/*/bin/pgbench | sort -V | tail -n 1)
# Runs of a kind no app knows, in the one state the statement updates; removed (with their events) afterwards.
fake_id="('00000000-0000-0000-0000-' || lpad(:client_id::text, 12, '0'))::uuid"
sql -v count="${CONCURRENCIES[-1]}" <<<"
  INSERT INTO runs (id, kind, owner_id, owner_name, state, active_key, done, total, cancel_requested, created_at,
                    started_at, parameters, data, attempt, elapsed_ms, version)
  SELECT ('00000000-0000-0000-0000-' || lpad(n::text, 12, '0'))::uuid, 'pgbench', NULL, 'pgbench', 'Running', NULL, 0, $LONG_RUN_STEPS, false,
         now(), now(), '{}', '{}', 1, 0, 0
  FROM generate_series(0, :count - 1) AS n"
step_sql=$(mktemp)
# As RunContext.CommitAsync sends it for a step that reports nothing (its parameters null), for this client's run.
cat >"$step_sql" <<SQL
UPDATE runs
SET done = done + 1, message = COALESCE(NULL::text, message),
    data = CASE WHEN NULL::jsonb IS NULL THEN data ELSE data || NULL::jsonb END, total = COALESCE(NULL::bigint, total)
WHERE id = $fake_id AND attempt = 1 AND state = 'Running'
RETURNING done, total, cancel_requested, data::text;
SQL
for n in "${CONCURRENCIES[@]}"; do
  "$PGBENCH" -n -M extended -f "$step_sql" -c "$n" -j $((n < 2 ? 1 : 2)) -T "$WINDOW" >"$out/pgbench-runs-$n.txt" 2>&1
  sql_tps[$n]=$(awk '/^tps/ { printf "%.0f", $3; exit }' "$out/pgbench-runs-$n.txt")
done
sql <<<"DELETE FROM runs WHERE kind = 'pgbench'"
rm -f "$step_sql"

echo
echo "Run engine, no-op kind: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, 1-min load average at start: $load_at_start, at end: $(cut -d' ' -f1 /proc/loadavg)"
echo "Starts: POST /api/runs/noop {\"steps\": 1}, hey -n $starts -c $START_CONCURRENCY (Quartz:MaxConcurrency $workers)"
printf '%10s %9s %9s %16s %18s\n' "starts/s" "p50 ms" "p95 ms" "runs done/s" "start->end p50 ms"
printf '%10s %9s %9s %16s %18s\n' "$start_rps" "$start_p50" "$start_p95" "$finish_rps" "$queue_p50"
echo "Steps: no-op steps committed per second (sum of done over ${WINDOW}s), beside pgbench on the step statement (-c runs)"
echo "latency: $feed_name"
printf '%6s %13s %11s %10s %9s %9s %9s\n' runs "engine st/s" "SQL st/s" engine/SQL "p50 ms" "p95 ms" samples
for n in "${CONCURRENCIES[@]}"; do
  awk -v n="$n" -v e="${steps_ps[$n]}" -v s="${sql_tps[$n]}" -v a="${p50[$n]}" -v b="${p95[$n]}" -v c="${samples[$n]}" \
    'BEGIN { printf "%6d %13d %11d %9.1f%% %9s %9s %9s\n", n, e, s, 100 * e / s, a, b, c }'
done
echo
echo "For bench/all.sh:"
bench_result "no-op steps at ${CONCURRENCIES[-1]} runs vs the step statement" "${steps_ps[${CONCURRENCIES[-1]}]} steps/s" "pgbench ${sql_tps[${CONCURRENCIES[-1]}]} tps" \
  "$(ratio "${steps_ps[${CONCURRENCIES[-1]}]}" "${sql_tps[${CONCURRENCIES[-1]}]}")"

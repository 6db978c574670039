#!/usr/bin/env bash
# Benchmarks the todos panel's stats: GET /api/todos/stats?mode=sequential, parallel and single for one user with
# 10,000 todos, with hey at concurrency 1 and BENCH_CONCURRENCY (8), beside the single mode's statement in pgbench.
# See bench/README.md.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

REQUESTS=${BENCH_REQUESTS:-2000}
CONCURRENCY=${BENCH_CONCURRENCY:-8}
WARMUP=${BENCH_WARMUP:-200}
TODOS=${BENCH_TODOS:-10000}

bench_start todos-stats

echo "Adding $TODOS todos for $EMAIL..."
# A third completed, a tenth created earlier today (UTC), the rest spread over the past year.
"$PSQL" -X -q -v ON_ERROR_STOP=1 -v email="$EMAIL" -v todos="$TODOS" <<'SQL'
SELECT id AS owner FROM asp_net_users WHERE normalized_email = upper(:'email') \gset
BEGIN;
DELETE FROM todos WHERE owner_id = :'owner';
INSERT INTO todos (owner_id, title, description, is_completed, created_at)
SELECT :'owner',
       'Bench todo ' || g,
       CASE WHEN g % 2 = 0 THEN 'Description of bench todo ' || g END,
       g % 3 = 0,
       CASE WHEN g % 10 = 0
            THEN date_trunc('day', now(), 'UTC') + (now() - date_trunc('day', now(), 'UTC')) * ((g % 997) / 997.0)
            ELSE date_trunc('day', now(), 'UTC') - (1 + g % 365) * interval '1 day' + (g % 86400) * interval '1 second'
       END
FROM generate_series(1, :todos) AS g;
COMMIT;
VACUUM ANALYZE todos;
SQL

MODES=(sequential parallel single)
CONCURRENCIES=(1 "$CONCURRENCY")
declare -A p50 p95 p99 rps server
for c in "${CONCURRENCIES[@]}"; do
  for mode in "${MODES[@]}"; do
    url="$base/api/todos/stats?mode=$mode"
    hey -n "$WARMUP" -c "$c" -H "$auth" "$url" >/dev/null
    [ "$c" != 1 ] || server[$mode]=$(curl -sf -H "$auth" "$url" | jq '.elapsedMs')
    report=$out/hey-todos-$mode-c$c.txt
    hey -n "$REQUESTS" -c "$c" -H "$auth" "$url" >"$report"
    expect_all "$report" "$REQUESTS" 200 "$mode at concurrency $c"
    p50[$mode,$c]=$(latency "$report" 50); p95[$mode,$c]=$(latency "$report" 95); p99[$mode,$c]=$(latency "$report" 99)
    rps[$mode,$c]=$(requests_per_second "$report")
  done
done

# The raw ceiling: the single mode's statement, as the app sends it, in pgbench at the same concurrencies.
owner=$("$PSQL" -X -q -At -v email="$EMAIL" <<<"SELECT id FROM asp_net_users WHERE normalized_email = upper(:'email')")
sql=$out/pgbench-todos-single.sql
# Today's bounds as constants, as the app sends them (parameters): now() in a FILTER would be computed per row.
today="$(date -u +%F) 00:00:00+00"; tomorrow="$(date -u -d tomorrow +%F) 00:00:00+00"
{
  echo "\\set cap $(grep -oP 'StatsListCap = \K[0-9]+' TodoDashboard/Features/Todos/TodoService.cs)"
  sed -n '/private static readonly string Sql = \$"""/,/^        """;/p' TodoDashboard/Features/Todos/TodoStatsStatement.cs | sed '1d;$d' \
    | sed "s/{Columns}/id, title, description, is_completed, created_at, xmin/g; s/{Today}/created_at >= \$2 AND created_at < \$3/g" \
    | sed "s/\\\$1/'$owner'/g; s/\\\$2/'$today'::timestamptz/g; s/\\\$3/'$tomorrow'::timestamptz/g; s/\\\$4/:cap/g"
  echo ";"
} >"$sql"
declare -A sql_tps sql_lat
for c in "${CONCURRENCIES[@]}"; do
  "$PGBENCH" -n -M prepared -f "$sql" -c "$c" -j "$(( c < 2 ? 1 : 2 ))" -t $((REQUESTS / c)) >"$out/pgbench-todos-single-c$c.txt" 2>&1 \
    || { cat "$out/pgbench-todos-single-c$c.txt" >&2; exit 1; }
  sql_tps[$c]=$(awk '/^tps/ { printf "%.0f", $3 }' "$out/pgbench-todos-single-c$c.txt")
  sql_lat[$c]=$(awk '/latency average/ { print $4 }' "$out/pgbench-todos-single-c$c.txt")
done

echo
echo "GET /api/todos/stats: $TODOS todos, $REQUESTS requests per mode and concurrency"
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, 1-min load average at start: $load_at_start"
printf '%-11s %4s %9s %9s %9s %9s %11s\n' mode c "p50 ms" "p95 ms" "p99 ms" "req/s" "server ms"
for c in "${CONCURRENCIES[@]}"; do
  for mode in "${MODES[@]}"; do
    printf '%-11s %4s %9s %9s %9s %9s %11s\n' "$mode" "$c" "${p50[$mode,$c]}" "${p95[$mode,$c]}" "${p99[$mode,$c]}" "${rps[$mode,$c]}" \
      "$([ "$c" = 1 ] && printf '%.2f' "${server[$mode]}" || echo -)"
  done
  printf '%-11s %4s %9s %9s %9s %9s %11s\n' "SQL single" "$c" "${sql_lat[$c]}" "" "" "${sql_tps[$c]}" ""
done
echo "(SQL single: the single mode's statement in pgbench -M prepared, the same concurrency; its p50 column is pgbench's average latency)"
echo
for c in "${CONCURRENCIES[@]}"; do
  bench_result "stats single vs parallel, concurrency $c" "${rps[single,$c]} req/s" "parallel ${rps[parallel,$c]} req/s" \
    "$(ratio "${rps[single,$c]}" "${rps[parallel,$c]}")"
  bench_result "stats single vs sequential, concurrency $c" "${rps[single,$c]} req/s" "sequential ${rps[sequential,$c]} req/s" \
    "$(ratio "${rps[single,$c]}" "${rps[sequential,$c]}")"
  bench_result "stats single vs its statement, concurrency $c" "${rps[single,$c]} req/s" "pgbench ${sql_tps[$c]} tps" \
    "$(ratio "${rps[single,$c]}" "${sql_tps[$c]}")"
done

#!/usr/bin/env bash
# What the per-request access check costs (issue 11: current roles, stamp and lockout on every request).
# GET /api/todos/{id} with a bearer token, the cheapest authenticated read, measured with hey:
#   cached   the default: the user's access read once, then kept until a NOTIFY says it changed;
#   uncached Auth__AccessCacheLifetime=0: read from the database on every request (the baseline);
# against the raw SQL ceiling of the same statements in pgbench (same cluster, same run, same concurrency).
# See bench/README.md for the latest figures.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

DURATION=${BENCH_DURATION:-20s}
CONCURRENCY=${BENCH_CONCURRENCY:-16}

run_hey() { # run_hey NAME: warms up, then measures $url for $DURATION
  hey -z 3s -c "$CONCURRENCY" -H "$auth" "$url" >/dev/null
  hey -z "$DURATION" -c "$CONCURRENCY" -H "$auth" "$url" >"$out/hey-access-$1.txt"
  if grep -A3 'Status code distribution' "$out/hey-access-$1.txt" | grep -v '\[200\]' | grep -q '\['; then
    echo "Not every $1 request answered 200:" >&2
    sed -n '/Status code distribution/,$p' "$out/hey-access-$1.txt" >&2
    exit 1
  fi
  p50[$1]=$(latency "$out/hey-access-$1.txt" 50); p95[$1]=$(latency "$out/hey-access-$1.txt" 95)
  rps[$1]=$(requests_per_second "$out/hey-access-$1.txt")
}

declare -A p50 p95 rps
bench_start access
todo=$(curl -sf -H "$auth" -H 'Content-Type: application/json' -d '{"title":"bench"}' "$base/api/todos" | jq -r .id)
url="$base/api/todos/$todo"
run_hey cached
stop_app

export Auth__AccessCacheLifetime=00:00:00
bench_start access
run_hey uncached
stop_app

user_id=$("$PSQL" -X -Atc "SELECT id FROM asp_net_users WHERE normalized_email = upper('$EMAIL')")
# The statements EF sends (Npgsql prepares them), as in the app's log with EF command logging on.
todo_sql=$(mktemp); access_sql=$(mktemp)
cat >"$todo_sql" <<SQL
SELECT t.id, t.title, t.description, t.is_completed, t.created_at, t.xmin FROM todos AS t
WHERE t.owner_id = '$user_id' AND t.id = $todo LIMIT 2;
SQL
cat >"$access_sql" <<SQL
SELECT a.id, a.email, a.display_name, a.security_stamp, a.lockout_end FROM asp_net_users AS a WHERE a.id = '$user_id' LIMIT 2;
SELECT a0.name FROM asp_net_user_roles AS a JOIN asp_net_roles AS a0 ON a.role_id = a0.id WHERE a.user_id = '$user_id';
SQL
"$PGBENCH" -n -M prepared -f "$todo_sql" -c "$CONCURRENCY" -j 2 -T "${DURATION%s}" >"$out/pgbench-access-todo.txt" 2>&1
cat "$todo_sql" >>"$access_sql" # one transaction: the access reads, then the todo
"$PGBENCH" -n -M prepared -f "$access_sql" -c "$CONCURRENCY" -j 2 -T "${DURATION%s}" >"$out/pgbench-access-all.txt" 2>&1
tps() { awk '/^tps/ { printf "%.0f", $3; exit }' "$1"; }
lat() { awk '/latency average/ { print $4 }' "$1"; }
sql_todo=$(tps "$out/pgbench-access-todo.txt"); sql_all=$(tps "$out/pgbench-access-all.txt")

echo
echo "GET /api/todos/{id} with a bearer token: hey, $CONCURRENCY connections, $DURATION each"
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, 1-min load average at start: $load_at_start"
printf '%-34s %9s %9s %9s\n' "" "p50 ms" "p95 ms" "req/s"
printf '%-34s %9s %9s %9s\n' "API, access cached (default)" "${p50[cached]}" "${p95[cached]}" "${rps[cached]}"
printf '%-34s %9s %9s %9s\n' "API, access read every request" "${p50[uncached]}" "${p95[uncached]}" "${rps[uncached]}"
printf '%-34s %9s %9s %9s\n' "SQL: the todo's statement" "" "$(lat "$out/pgbench-access-todo.txt")" "$sql_todo"
printf '%-34s %9s %9s %9s\n' "SQL: todo + the access reads" "" "" "$sql_all"
awk -v c="${rps[cached]}" -v u="${rps[uncached]}" -v s="$sql_todo" -v a="$sql_all" 'BEGIN {
  printf "cached/uncached throughput %.2fx; API (cached) at %.0f%% of its SQL ceiling; uncached at %.0f%% of its (todo + access) ceiling\n", c / u, 100 * c / s, 100 * u / a
}'
echo "(pgbench columns: average latency for the todo statement; transactions per second)"
echo
echo "For bench/all.sh:"
bench_result "todo by id, access cached, vs its statement" "${rps[cached]} req/s" "pgbench $sql_todo tps" "$(ratio "${rps[cached]}" "$sql_todo")"
bench_result "todo by id, access cached vs read per request" "${rps[cached]} req/s" "${rps[uncached]} req/s" "$(ratio "${rps[cached]}" "${rps[uncached]}")"

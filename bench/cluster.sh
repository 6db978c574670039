#!/usr/bin/env bash
# Benchmarks scaling out on one machine: the app behind the sticky nginx of ./run.sh --instances N (deploy/nginx,
# scripts/nginx.sh), one instance against three, with the instance reached directly as the proxy's baseline:
#  a. the original demo's customers scenario (customers-load.lua: 50 users, the four URLs, 1 s pauses) and the same
#     without pauses (throughput), directly, through nginx to 1 instance, through nginx to 3; the SQL ceiling of the
#     scenario's page statement in pgbench, same run;
#  b. job progress over SSE through nginx (JobsBench follow), to 1 instance and to 3;
#  c. failover, BENCH_FAILOVERS times (10): a signed-in /jobs page through nginx to 3 instances, the instance that
#     served it (nginx's access log) killed with SIGKILL, the time until the page is interactive on another
#     (JobsBench failover), the instance restarted.
# See bench/README.md for the latest figures.
set -euo pipefail
export LC_NUMERIC=C
cd "$(dirname "$0")/.."
source bench/lib.sh
source scripts/nginx.sh

CUSTOMERS=${BENCH_CUSTOMERS:-1000000}
DURATION=${BENCH_DURATION:-20s}
USERS=${BENCH_USERS:-50}
SAMPLES=${BENCH_SAMPLES:-200}
WARMUP=${BENCH_WARMUP:-20}
WARMUP_JOB=${BENCH_WARMUP_JOB:-100}
FAILOVERS=${BENCH_FAILOVERS:-10}
ITEM_DURATION=${BENCH_ITEM_DURATION:-00:00:00.030}
load_at_start=$(cut -d' ' -f1 /proc/loadavg)
mkdir -p "$out"

bench_install curl=curl jq=jq wrk=wrk ss=iproute2
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || bench_install chromium=chromium
ensure_nginx
ensure_postgres bench "${TODO_DASHBOARD_BENCH_PG_PORT:-55434}"
if [ -z "${ConnectionStrings__DefaultConnection:-}" ]; then
  # A database of its own: its instances form one Quartz cluster that no app on another database can join.
  export ConnectionStrings__DefaultConnection="Host=$PG_HOST;Port=$PG_PORT;Database=todo_dashboard_bench_cluster;Username=$PG_USER"
fi
bench_psql
PGBENCH=$(dirname "$PSQL")/pgbench
[ -x "$PGBENCH" ] || PGBENCH=$(ls /usr/lib/postgresql/*/bin/pgbench | sort -V | tail -n 1)

echo "Building (Release)..."
{
  dotnet build TodoDashboard/TodoDashboard.csproj -c Release -nologo -v quiet &&
    dotnet build bench/JobsBench/JobsBench.csproj -c Release -nologo -v quiet
} >"$out/build.log" 2>&1 || { tail -n 30 "$out/build.log" >&2; exit 1; }

proxy_pid=
cleanup() {
  bench_stop_pid "$proxy_pid"
  bench_stop_instances
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port=$(free_port "${BENCH_APP_PORT:-5281}")
proxy_port=$port
ports=()
for i in 1 2 3; do
  port=$(free_port $((port + 1)))
  ports+=("$port")
done
start_instance() { bench_instance "$1" "http://127.0.0.1:${ports[$(($1 - 1))]}" Jobs__ItemDuration="$ITEM_DURATION" Quartz__IdleWaitTime=00:00:01; }
# proxy PORT...: (re)starts nginx on $proxy_port in front of those instances, as scripts/cluster.sh does.
proxy() {
  local dir=$PWD/$out/nginx-$#
  bench_stop_pid "$proxy_pid"
  write_nginx_conf "$dir" "$proxy_port" "$@"
  start_nginx "$dir"
  proxy_pid=$NGINX_PID
  for _ in $(seq 1 20); do
    curl -sf -o /dev/null "http://127.0.0.1:$proxy_port/health/ready" && return 0
    sleep 0.25
  done
  cat "$dir/error.log" >&2
  echo "nginx on $proxy_port did not answer." >&2
  exit 1
}
direct=http://127.0.0.1:${ports[0]}
via=http://127.0.0.1:$proxy_port

echo "Starting instance 1 on $direct..."
start_instance 1
bench_login "$direct"
cancel_active_jobs
have=$("$PSQL" -X -Atc 'SELECT count(*) FROM customers')
if [ "$have" -lt "$CUSTOMERS" ]; then
  echo "Generating $((CUSTOMERS - have)) customers (once; they stay in the bench cluster)..."
  bench_stop_instance 1
  (cd TodoDashboard && ASPNETCORE_ENVIRONMENT=Development Logging__LogLevel__Default=Warning \
    dotnet bin/Release/net10.0/TodoDashboard.dll generate-customers --customers $((CUSTOMERS - have))) >"$out/generate-customers.txt"
  tail -n 1 "$out/generate-customers.txt"
  start_instance 1
fi
total=$("$PSQL" -X -Atc 'SELECT count(*) FROM customers')

declare -A result latency_of
# customers TARGET BASE: the scenario with 1 s pauses (warmed up first) and without, through BASE.
customers() {
  echo "   $1: $USERS users with 1 s pauses, then without, $DURATION each..."
  result[$1-paused]=$(customers_wrk "cluster-$1-paused" "$2" "/api/customers?" 1000 warm)
  result[$1-saturated]=$(customers_wrk "cluster-$1-saturated" "$2" "/api/customers?" 0)
}
# jobs TARGET: a warm-up job, then one of WARMUP + SAMPLES items, each started and streamed through the proxy.
jobs() {
  echo "   $1: a warm-up job of $WARMUP_JOB items, then $((WARMUP + SAMPLES)) items of $ITEM_DURATION, through nginx..."
  bench_probe 120 "$out/cluster-follow-warmup-$1.txt" follow --url "$via" --token "$token" --items "$WARMUP_JOB"
  bench_probe 180 "$out/cluster-follow-$1.txt" follow --url "$via" --token "$token" --items $((WARMUP + SAMPLES)) \
    --skip "$WARMUP" --out "$out/cluster-latency-$1.csv"
  latency_of[$1]=$(job_latency "$(cut -d' ' -f1 "$out/cluster-follow-$1.txt")" "$out/cluster-latency-$1.csv")
  # Which instances ran this target's jobs (Quartz's instance ids of the attempts).
  runners[$1]=$("$PSQL" -X -Atc "SELECT count(DISTINCT a.node) FROM run_attempts a JOIN runs r ON r.id = a.run_id
    WHERE r.id IN ('$(cut -d' ' -f1 "$out/cluster-follow-warmup-$1.txt")', '$(cut -d' ' -f1 "$out/cluster-follow-$1.txt")')")
}
declare -A runners

echo "a/b. One instance: the customers scenario directly and through nginx; job progress through nginx..."
proxy "${ports[0]}"
# A fresh instance is slow for its first seconds (JIT, tiered recompilation): unmeasured load first, so the direct
# runs, which come first, are not the ones to pay for it.
PREFIX="/api/customers?" TOKEN=$token THINK_MS=0 wrk -t2 -c"$USERS" -d10s --timeout 60s -s bench/customers-load.lua "$direct" >/dev/null 2>&1
customers direct "$direct"
customers one "$via"
jobs one

echo "a/b. Three instances behind nginx..."
start_instance 2
start_instance 3
proxy "${ports[@]}"
# Every instance's first requests are slow (JIT): each gets the warm-up directly before the measured runs.
for i in 2 3; do
  PREFIX="/api/customers?" TOKEN=$token THINK_MS=0 wrk -t2 -c"$USERS" -d5s --timeout 60s -s bench/customers-load.lua \
    "http://127.0.0.1:${ports[$((i - 1))]}" >/dev/null 2>&1
done
customers three "$via"
jobs three

echo "c. Failover, $FAILOVERS times: a /jobs page through nginx, the instance serving it killed (SIGKILL) and restarted..."
access_log=$PWD/$out/nginx-access.log
: >"$access_log"
printf 'log_format upstream "$msec | $upstream_addr | $status | $request";\naccess_log %s upstream;\n' "$access_log" >"$out/nginx-access.conf"
NGINX_HTTP_INCLUDE=$PWD/$out/nginx-access.conf proxy "${ports[@]}"
rm -f "$out/failover-state.json"
failovers=()
for n in $(seq "$FAILOVERS"); do
  pairs=$(for i in 1 2 3; do printf '%s=%s,' "${ports[$((i - 1))]}" "${bench_pids[$i]}"; done)
  bench_probe 180 "$out/failover-$n.txt" failover --url "$via" --state "$PWD/$out/failover-state.json" \
    --access-log "$access_log" --instances "${pairs%,}" --email "$EMAIL" --password "$PASSWORD"
  read -r killed ms <"$out/failover-$n.txt"
  failovers+=("$ms")
  for i in 1 2 3; do
    if [ "${ports[$((i - 1))]}" = "$killed" ]; then
      echo "   $n: instance $i (port $killed) killed; the page was interactive again after $ms ms; restarting it..."
      wait "${bench_pids[$i]}" 2>/dev/null || true
      start_instance "$i"
    fi
  done
done
failover_stats=$(printf '%s\n' "${failovers[@]}" | sort -n | awk '{ v[NR] = $1 } END { printf "%d %d %d %d", NR, v[int((NR + 1) / 2)], v[1], v[NR] }')

# The SQL ceiling: the scenario's first_name=Anthony page (customers.sh, section 3) at the same concurrency, no pauses.
sql=$out/cluster-customers-page.sql
cat >"$sql" <<'SQL'
SELECT id, first_name, last_name, gender, customer_id, phone_number, birthday, created, last_updated,
       street, street_number, city_code, city, country, points, relationship_created, last_activity, created AS sort_key
FROM customers WHERE lower(first_name) COLLATE "C" = lower('Anthony') ORDER BY created DESC, id DESC LIMIT 21;
SQL
echo "SQL ceiling: the first_name=Anthony page in pgbench, $USERS clients, $DURATION..."
cleanup
proxy_pid=
"$PGBENCH" -n -M prepared -f "$sql" -c "$USERS" -j 2 -T "${DURATION%s}" >"$out/pgbench-cluster.txt" 2>&1
sql_tps=$(awk '/^tps/ { printf "%.0f", $3 }' "$out/pgbench-cluster.txt")

echo
echo "Cluster: instances of the app behind $("$NGINX_BIN" -v 2>&1 | sed 's/.*: //') with sticky sessions (deploy/nginx), one machine"
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, 1-min load average at start: $load_at_start, at end: $(cut -d' ' -f1 /proc/loadavg)"
echo
echo "a. The original demo's customers scenario ($total customers, cache on): wrk, $USERS connections, $DURATION, the four URLs in turn"
printf '%-34s %9s %9s %9s %9s %9s %9s\n' target "p50 ms" "p95 ms" "p99 ms" "req/s" requests failures
for pace in paused saturated; do
  for target in direct one three; do
    case $target in
      direct) label="1 instance, direct" ;;
      one) label="nginx -> 1 instance" ;;
      three) label="nginx -> 3 instances" ;;
    esac
    [ "$pace" = paused ] && label="$label, 1 s pauses" || label="$label, no pauses"
    r=${result[$target-$pace]}
    printf '%-34s %9s %9s %9s %9s %9s %9s\n' "$label" "$(field "$r" p50)" "$(field "$r" p95)" "$(field "$r" p99)" \
      "$(field "$r" rps)" "$(field "$r" requests)" "$(field "$r" failures)"
  done
done
awk -v d50="$(field "${result[direct-paused]}" p50)" -v o50="$(field "${result[one-paused]}" p50)" \
  -v dr="$(field "${result[direct-saturated]}" rps)" -v or="$(field "${result[one-saturated]}" rps)" \
  -v ds="$(field "${result[direct-saturated]}" p50)" -v os="$(field "${result[one-saturated]}" p50)" \
  'BEGIN { printf "nginx overhead, 1 instance: p50 %+.2f ms with pauses, %+.2f ms saturated; saturated throughput %.2fx of direct\n", o50 - d50, os - ds, or / dr }'
awk -v o="$(field "${result[one-saturated]}" rps)" -v t="$(field "${result[three-saturated]}" rps)" \
  -v o99="$(field "${result[one-saturated]}" p99)" -v t99="$(field "${result[three-saturated]}" p99)" \
  -v op="$(field "${result[one-paused]}" p99)" -v tp="$(field "${result[three-paused]}" p99)" \
  'BEGIN { printf "3 instances / 1, through nginx: saturated throughput %.2fx, p99 %.2fx; with pauses p99 %.2fx\n", t / o, t99 / o99, tp / op }'
awk -v s="$sql_tps" -v t="$(field "${result[three-saturated]}" rps)" -v d="$(field "${result[direct-saturated]}" rps)" \
  'BEGIN { printf "SQL ceiling (the first_name=Anthony page, pgbench -c '"$USERS"' -M prepared): %d tps; saturated API (cached) direct %.2fx, 3 instances %.2fx of it\n", s, d / s, t / s }'
echo
echo "b. Job progress over SSE through nginx: item commit -> client receive; items of $ITEM_DURATION"
printf '%-24s %8s %9s %9s %9s %14s\n' target samples "p50 ms" "p95 ms" "max ms" "job runners"
for target in one three; do
  read -r n p50 p95 max <<<"${latency_of[$target]}"
  [ "$target" = one ] && label="nginx -> 1 instance" || label="nginx -> 3 instances"
  printf '%-24s %8s %9s %9s %9s %14s\n' "$label" "$n" "$p50" "$p95" "$max" "${runners[$target]}"
done
read -r _ p50_one p95_one _ <<<"${latency_of[one]}"
read -r _ p50_three p95_three _ <<<"${latency_of[three]}"
awk -v a="$p50_one" -v b="$p50_three" -v c="$p95_one" -v d="$p95_three" \
  'BEGIN { printf "3 instances / 1: p50 %.2fx, p95 %.2fx\n", b / a, d / c }'
echo "(job runners: how many instances ran the target's two jobs' attempts; the stream's instance is nginx's choice)"
echo
read -r f_n f_p50 f_min f_max <<<"$failover_stats"
echo "c. Failover through nginx to 3 instances: SIGKILL of the instance serving a signed-in /jobs page -> the page interactive again"
printf '%-24s %8s %9s %9s %9s\n' "" failovers "p50 ms" "min ms" "max ms"
printf '%-24s %8s %9s %9s %9s\n' "kill -> circuit-ready" "$f_n" "$f_p50" "$f_min" "$f_max"
echo "(the reconnect reaches the next instance on the hash ring, which rejects the unknown circuit; the page reloads there)"
echo
echo "For bench/all.sh:"
bench_result "seed scenario saturated, nginx -> 3 vs 1 instance" "$(field "${result[three-saturated]}" rps) req/s" \
  "$(field "${result[one-saturated]}" rps) req/s" "$(ratio "$(field "${result[three-saturated]}" rps)" "$(field "${result[one-saturated]}" rps)")"
bench_result "failover: kill -9 -> page interactive, p50" "$f_p50 ms" "max $f_max ms" "-" "<= 10 s" "$f_p50 <= 10000"

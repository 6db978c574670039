#!/usr/bin/env bash
# Benchmarks the customers cache shared through Redis (ConnectionStrings__Redis), on the customers bench/customers.sh
# generated (3,000,000). Two app instances share one database and one private Redis; instance A reads the original demo's four
# pages once (storing them in its memory and in Redis), then wrk runs the original demo's four URLs without pauses against:
#   A     pages from its own memory;
#   B     the same pages from Redis (B never read them from the database, and a page read from Redis is not copied
#         into B's memory, so every request goes to Redis);
#   none  a third instance with its cache off: the database every time (the baseline).
# See bench/README.md for the latest figures.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
source scripts/redis.sh

DURATION=${BENCH_DURATION:-30s}
USERS=${BENCH_USERS:-16}
PATHS=("page_size=20" "first_name=Anthony" "search=Nicholas%20Heights" "ordering=descending&sort_by=created")

bench_install wrk=wrk
ensure_redis redis-bench "${TODO_DASHBOARD_BENCH_REDIS_PORT:-56380}"
redis-cli -h "${REDIS_ENDPOINT%:*}" -p "${REDIS_ENDPOINT#*:}" FLUSHALL >/dev/null

pids=()
stop_all() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done; }
declare -A bases tokens
# start_instance NAME: an app instance (bench_start's), remembered for stop_all.
start_instance() {
  bench_start "customers-shared-$1"
  trap stop_all EXIT
  pids+=("$app_pid")
  bases[$1]=$base
  tokens[$1]=$token
}

export ConnectionStrings__Redis=$REDIS_ENDPOINT Redis__InstanceName=bench:
start_instance A
start_instance B
export Customers__CacheLifetime=00:00:00
unset ConnectionStrings__Redis
start_instance none
unset Customers__CacheLifetime

total=$("$PSQL" -X -Atc 'SELECT count(*) FROM customers')
[ "$total" -gt 0 ] || { echo "No customers in the bench database: run bench/customers.sh first (it generates them)." >&2; exit 1; }

# cached NAME PATH: the listing's performance.cached on that instance.
cached() { curl -sf -H "Authorization: Bearer ${tokens[$1]}" "${bases[$1]}/api/customers?$2" | jq -r .performance.cached; }
echo "Instance A reads the four pages; instance B must then find each in Redis..."
for p in "${PATHS[@]}"; do
  [ "$(cached A "$p")" = false ] || { echo "A found $p cached before reading it." >&2; exit 1; }
  [ "$(cached B "$p")" = true ] || { echo "B did not find $p in Redis." >&2; exit 1; }
done

declare -A result
for name in A B none; do
  echo "wrk, $USERS connections, $DURATION, no pauses: instance $name..."
  token=${tokens[$name]}
  result[$name]=$(customers_wrk "shared-$name" "${bases[$name]}" "/api/customers?" 0 warm)
done
for p in "${PATHS[@]}"; do
  [ "$(cached B "$p")" = true ] || { echo "B's page $p was not served from Redis after the run." >&2; exit 1; }
done

echo
echo "Customers shared cache: $total customers, Redis $(redis-server --version | sed -n 's/.*v=\([^ ]*\).*/\1/p')"
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, 1-min load average at start: $load_at_start"
echo "wrk, $USERS connections, $DURATION, the original demo's four URLs in turn, no pauses"
printf '%-40s %9s %9s %9s %9s %9s\n' "where the page comes from" "p50 ms" "p95 ms" "p99 ms" "req/s" failures
for name in A B none; do
  case $name in
    A) label="A: its own memory" ;;
    B) label="B: Redis (read by A)" ;;
    none) label="cache off: PostgreSQL" ;;
  esac
  r=${result[$name]}
  printf '%-40s %9s %9s %9s %9s %9s\n' "$label" "$(field "$r" p50)" "$(field "$r" p95)" "$(field "$r" p99)" "$(field "$r" rps)" "$(field "$r" failures)"
done
awk -v a="$(field "${result[A]}" p50)" -v b="$(field "${result[B]}" p50)" -v n="$(field "${result[none]}" p50)" \
  -v ar="$(field "${result[A]}" rps)" -v br="$(field "${result[B]}" rps)" -v nr="$(field "${result[none]}" rps)" \
  'BEGIN { printf "p50: Redis/memory %.2fx, PostgreSQL/Redis %.1fx; throughput: Redis/PostgreSQL %.1fx, memory/Redis %.2fx\n", b / a, n / b, br / nr, ar / br }'
echo
echo "For bench/all.sh:"
bench_result "seed scenario, page from Redis vs PostgreSQL" "$(field "${result[B]}" rps) req/s" "$(field "${result[none]}" rps) req/s" \
  "$(ratio "$(field "${result[B]}" rps)" "$(field "${result[none]}" rps)")"

#!/usr/bin/env bash
# Benchmarks the shares panel on exactly 10,000 shares: generating them, a price update with each strategy
# (bulk, parallel, sequential) end to end, and the grid sorted by price vs by id with hey. See bench/README.md.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

SHARES=${BENCH_SHARES:-10000}
REQUESTS=${BENCH_REQUESTS:-2000}
CONCURRENCY=${BENCH_CONCURRENCY:-8}
WARMUP=${BENCH_WARMUP:-200}
POLL=${BENCH_POLL:-0.02}
STRATEGIES=(bulk parallel sequential)

bench_start shares
# Price updates are an Operator's.
bench_grant_role Operator

echo "Emptying shares, price changes and price-update runs..."
"$PSQL" -X -q -v ON_ERROR_STOP=1 -c 'TRUNCATE price_changes, shares RESTART IDENTITY' -c "DELETE FROM runs WHERE kind = 'price-updates'"

json() { curl -sf -H "$auth" -H 'Content-Type: application/json' "$@"; }

echo "Generating $SHARES shares..."
generated=$(json -w '\n%{time_total}' -d "{\"count\": $SHARES}" "$base/api/shares/generate")
generated_count=$(head -n 1 <<<"$generated" | jq .created)
generate_server=$(head -n 1 <<<"$generated" | jq .elapsedMs)
generate_client=$(tail -n 1 <<<"$generated" | awk '{ printf "%.2f", $1 * 1000 }')
[ "$generated_count" = "$SHARES" ] || { echo "Generating created $generated_count shares, not $SHARES: $generated" >&2; exit 1; }

# Starts a run of STRATEGY and waits for it by reading its Location; prints "server-ms rows/s end-to-end-ms".
run_strategy() {
  local strategy=$1 headers started location run status
  headers=$(mktemp)
  started=$(date +%s%N)
  json -D "$headers" -o /dev/null \
    -d "{\"strategy\": \"$strategy\", \"change\": \"add\", \"amount\": 1, \"seed\": 0}" "$base/api/shares/price-updates"
  location=$(awk 'tolower($1) == "location:" { sub(/\r$/, "", $2); print $2 }' "$headers")
  grep -q '^HTTP/[0-9.]* 202' "$headers" && [ -n "$location" ] || { echo "Starting a $strategy run failed:" >&2; cat "$headers" >&2; exit 1; }
  rm -f "$headers"
  while :; do
    run=$(json "$base$location")
    status=$(jq -r .status <<<"$run")
    case $status in queued | processing) sleep "$POLL" ;; *) break ;; esac
  done
  local finished=$(date +%s%N)
  [ "$status" = succeeded ] && [ "$(jq .done <<<"$run")" = "$SHARES" ] \
    || { echo "The $strategy run did not update every share: $run" >&2; exit 1; }
  jq -r --arg e2e "$(((finished - started) / 1000000))" '"\(.elapsedMs) \(.rowsPerSecond) \($e2e)"' <<<"$run"
}

BULK_RUNS=${BENCH_BULK_RUNS:-5}
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

echo "Price updates: a warm-up bulk run, bulk $BULK_RUNS times (the median counts), then parallel and sequential..."
run_strategy bulk >/dev/null
declare -A server rowsps e2e
bulk_results=()
for _ in $(seq "$BULK_RUNS"); do bulk_results+=("$(run_strategy bulk)"); done
read -r server[bulk] rowsps[bulk] e2e[bulk] <<<"$(printf '%s\n' "${bulk_results[@]}" | sort -n | sed -n "$(((BULK_RUNS + 1) / 2))p")"
for strategy in parallel sequential; do
  result=$(run_strategy "$strategy")
  read -r server[$strategy] rowsps[$strategy] e2e[$strategy] <<<"$result"
done

# The raw ceiling: the same change (+1 on every share, a history row each) as one statement and its commit in psql,
# $BULK_RUNS times; each is undone afterwards, untimed.
echo "Raw ceiling: the same change as one UPDATE ... RETURNING + INSERT in psql, $BULK_RUNS times..."
ceiling_runs=()
for _ in $(seq "$BULK_RUNS"); do
  run_id=$(cat /proc/sys/kernel/random/uuid)
  ceiling_runs+=("$("$PSQL" -X -q -v ON_ERROR_STOP=1 -v run="$run_id" <<'SQL' | awk '/^Time:/ { n++; if (n > 1) t += $2 } END { printf "%.2f", t }'
\timing on
BEGIN;
WITH updated AS (
    UPDATE shares SET price = GREATEST(0, ROUND(price + 1, 2)), updated_at = now()
    RETURNING id, price - 1 AS old_price, price AS new_price)
INSERT INTO price_changes (run_id, share_id, old_price, new_price, changed_at)
SELECT :'run', id, old_price, new_price, now() FROM updated;
COMMIT;
\timing off
BEGIN;
UPDATE shares SET price = price - 1;
DELETE FROM price_changes WHERE run_id = :'run';
COMMIT;
SQL
)")
done
ceiling=$(printf '%s\n' "${ceiling_runs[@]}" | median)

echo "Grid: GET /api/shares by id and by price (descending), hey -n $REQUESTS -c $CONCURRENCY..."
declare -A url p50 p95 p99 rps
url[id]="$base/api/shares?page=1&pageSize=50"
url[price]="$base/api/shares?page=1&pageSize=50&sortBy=price&order=desc"
for sort in id price; do
  hey -n "$WARMUP" -c "$CONCURRENCY" -H "$auth" "${url[$sort]}" >/dev/null
  report=$out/hey-shares-$sort.txt
  hey -n "$REQUESTS" -c "$CONCURRENCY" -H "$auth" "${url[$sort]}" >"$report"
  expect_all "$report" "$REQUESTS" 200 "grid by $sort"
  p50[$sort]=$(latency "$report" 50); p95[$sort]=$(latency "$report" 95); p99[$sort]=$(latency "$report" 99)
  rps[$sort]=$(requests_per_second "$report")
done


echo
echo "Shares: $SHARES shares, price change add +1, commits every Shares:BatchSize rows (1000; bulk: Shares:BulkBatchSize, 5000)"
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, 1-min load average at start: $load_at_start"
printf '%-11s %11s %11s %11s\n' step "server ms" "rows/s" "e2e ms"
printf '%-11s %11.2f %11s %11.2f\n' generate "$generate_server" "$(awk -v s="$generate_server" -v n="$SHARES" 'BEGIN { printf "%.0f", n / (s / 1000) }')" "$generate_client"
for strategy in "${STRATEGIES[@]}"; do
  printf '%-11s %11.2f %11.0f %11d\n' "$strategy" "${server[$strategy]}" "${rowsps[$strategy]}" "${e2e[$strategy]}"
done
awk -v s="${server[sequential]}" -v p="${server[parallel]}" -v b="${server[bulk]}" \
  'BEGIN { printf "server time: sequential/bulk %.1fx, parallel/bulk %.1fx\n", s / b, p / b }'
echo "(e2e: POST to the client seeing the run finished, polling its Location every ${POLL}s; generate e2e is curl's total time)"
echo "(bulk: the median of $BULK_RUNS runs, each $(printf '%s ' "${bulk_results[@]%% *}")ms; raw ceiling: $(printf '%s ' "${ceiling_runs[@]}")ms, statement + COMMIT)"
echo
echo "GET /api/shares page 1 of 50: $REQUESTS requests per sort, concurrency $CONCURRENCY"
printf '%-11s %9s %9s %9s %9s\n' sort "p50 ms" "p95 ms" "p99 ms" "req/s"
for sort in id price; do
  printf '%-11s %9s %9s %9s %9s\n' "$sort" "${p50[$sort]}" "${p95[$sort]}" "${p99[$sort]}" "${rps[$sort]}"
done
awk -v i="${p50[id]}" -v p="${p50[price]}" -v ir="${rps[id]}" -v pr="${rps[price]}" \
  'BEGIN { printf "price/id: p50 %.2fx, throughput %.2fx\n", p / i, pr / ir }'

echo
bench_result "generate $SHARES shares (server)" "$generate_server ms" "-" "-" "<= 100 ms" "$generate_server <= 100"
bench_result "bulk +1 on $SHARES shares vs one statement" "${server[bulk]} ms" "psql $ceiling ms" \
  "$(ratio "${server[bulk]}" "$ceiling")" "<= 1.3x" "${server[bulk]} <= 1.3 * $ceiling"
bench_result "sequential vs bulk (server time)" "${server[sequential]} ms" "bulk ${server[bulk]} ms" \
  "$(ratio "${server[sequential]}" "${server[bulk]}")" ">= 20x" "${server[sequential]} >= 20 * ${server[bulk]}"

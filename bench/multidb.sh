#!/usr/bin/env bash
# Benchmarks the multi-database insert: the default 30-row dataset end to end with hey, then
# a generated batch at scale (a background run, waited for) with the configured concurrency vs one row at a time.
# See bench/README.md.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

REQUESTS=${BENCH_REQUESTS:-200}
WARMUP=${BENCH_WARMUP:-20}
CLAIM_MS=${BENCH_CLAIM_MS:-52}
SCALE=${BENCH_SCALE:-10000}
# One row at a time, 10,000 per table took 203 s on 2 busy cores (see bench/README.md): the sequential leg is
# smaller by default and compared in rows per second. BENCH_SEQUENTIAL_SCALE=10000 runs it in full.
SEQUENTIAL_SCALE=${BENCH_SEQUENTIAL_SCALE:-2000}
MAX_CONCURRENCY=${BENCH_MAX_CONCURRENCY:-16}

bench_start multidb
url=$base/api/multidb/runs

# Scale runs are an Operator's.
bench_grant_role Operator

echo "Default dataset: hey -n $REQUESTS -c 1 -m POST (after $WARMUP warm-up runs)..."
# No body; hey's default Content-Type (text/html) would be refused with 415, so it says JSON.
hey -n "$WARMUP" -c 1 -m POST -T application/json -H "$auth" "$url" >/dev/null
report=$out/hey-multidb-default.txt
hey -n "$REQUESTS" -c 1 -m POST -T application/json -H "$auth" "$url" >"$report"
expect_all "$report" "$REQUESTS" 201 "default dataset"
default_server=$(curl -sf -X POST -H "$auth" "$url" | jq .elapsedMs)

# Starts a generated batch, a background run (202), and reads the run at its address until it has ended:
# scale_run ROWS-PER-TABLE MAX-CONCURRENCY; prints "server-ms summary-ok client-ms". server ms is the run's elapsedMs
# (its attempts' execution, queueing excluded); client ms runs from the POST to the first read that saw the run ended.
scale_run() {
  local started id run state
  started=$(now_ms)
  id=$(curl -sf -H "$auth" -H 'Content-Type: application/json' -d "{\"scale\": $1, \"maxConcurrency\": $2}" "$url" | jq -r .id)
  while :; do
    run=$(curl -sf -H "$auth" "$url/$id")
    state=$(jq -r .progress.state <<<"$run")
    [ "$state" = queued ] || [ "$state" = running ] || break
    sleep 0.1
  done
  jq -r --argjson n "$1" --arg client "$(($(now_ms) - started))" --arg state "$state" '
    (.summary | map(select(.inserted == $n and .rejected == 0 and .errors == 0)) | length == 3 and $state == "succeeded") as $ok
    | "\(.elapsedMs) \(if $ok then "yes" else "\($state):" + (.summary | map("\(.table)=\(.inserted)/\(.rejected)/\(.errors)") | join(",")) end) \($client)"' <<<"$run"
}

echo "Scale: $SCALE rows per table at maxConcurrency $MAX_CONCURRENCY, $SEQUENTIAL_SCALE at maxConcurrency 1..."
declare -A rows server ok client
rows[concurrent]=$SCALE
rows[sequential]=$SEQUENTIAL_SCALE
result=$(scale_run "$SCALE" "$MAX_CONCURRENCY")
read -r server[concurrent] ok[concurrent] client[concurrent] <<<"$result"
result=$(scale_run "$SEQUENTIAL_SCALE" 1)
read -r server[sequential] ok[sequential] client[sequential] <<<"$result"

echo
echo "POST /api/multidb/runs, default dataset (30 rows): $REQUESTS requests, concurrency 1"
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, 1-min load average at start: $load_at_start"
printf '%9s %9s %9s %9s %11s\n' "p50 ms" "p95 ms" "p99 ms" "req/s" "server ms"
printf '%9s %9s %9s %9s %11.2f\n' "$(latency "$report" 50)" "$(latency "$report" 95)" "$(latency "$report" 99)" \
  "$(requests_per_second "$report")" "$default_server"
awk -v p="$(latency "$report" 50)" -v c="$CLAIM_MS" \
  'BEGIN { printf "p50 vs the original demo'"'"'s claimed %d ms: %.2fx\n", c, p / c }'
echo
echo "POST /api/multidb/runs {scale, maxConcurrency} (202, then GET until the run ends): users, products, orders"
printf '%-11s %6s %7s %11s %11s %9s %13s\n' leg conc "rows" "server ms" "client ms" "rows/s" "all inserted"
for leg in concurrent sequential; do
  printf '%-11s %6s %7s %11.0f %11.0f %9.0f %13s\n' "$leg" "$([ $leg = concurrent ] && echo "$MAX_CONCURRENCY" || echo 1)" \
    "$((3 * rows[$leg]))" "${server[$leg]}" "${client[$leg]}" \
    "$(awk -v n="${rows[$leg]}" -v s="${server[$leg]}" 'BEGIN { print 3 * n / (s / 1000) }')" "${ok[$leg]}"
done
awk -v cn="${rows[concurrent]}" -v cs="${server[concurrent]}" -v sn="${rows[sequential]}" -v ss="${server[sequential]}" \
  'BEGIN { printf "concurrent/sequential speed-up (rows/s): %.2fx\n", (cn / cs) / (sn / ss) }'
echo "(all inserted: every table's summary is rows/0/0 inserted/rejected/errors, rows being $SCALE and $SEQUENTIAL_SCALE per table; otherwise the summary is shown)"

seq_rps=$(awk -v n="${rows[sequential]}" -v s="${server[sequential]}" 'BEGIN { printf "%.0f", 3 * n / (s / 1000) }')
conc_rps=$(awk -v n="${rows[concurrent]}" -v s="${server[concurrent]}" 'BEGIN { printf "%.0f", 3 * n / (s / 1000) }')
echo
bench_result "scale run at $MAX_CONCURRENCY at once vs one at a time" "$conc_rps rows/s" "one at a time $seq_rps rows/s" \
  "$(ratio "$conc_rps" "$seq_rps")" ">= 3,684 rows/s" "$conc_rps >= 3684"

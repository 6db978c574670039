#!/usr/bin/env bash
# Benchmarks the todos panel's stats: GET /api/todos/stats?mode=sequential vs ?mode=parallel
# for one user with 10,000 todos, measured with hey. See bench/README.md.
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

declare -A p50 p95 p99 rps server
for mode in sequential parallel; do
  url="$base/api/todos/stats?mode=$mode"
  hey -n "$WARMUP" -c "$CONCURRENCY" -H "$auth" "$url" >/dev/null
  server[$mode]=$(curl -sf -H "$auth" "$url" | jq '.elapsedMs')
  hey -n "$REQUESTS" -c "$CONCURRENCY" -H "$auth" "$url" >"$out/hey-$mode.txt"
  report=$out/hey-$mode.txt
  expect_all "$report" "$REQUESTS" 200 "$mode"
  p50[$mode]=$(latency "$report" 50); p95[$mode]=$(latency "$report" 95); p99[$mode]=$(latency "$report" 99)
  rps[$mode]=$(requests_per_second "$report")
done

echo
echo "GET /api/todos/stats: $TODOS todos, $REQUESTS requests per mode, concurrency $CONCURRENCY"
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, 1-min load average at start: $load_at_start"
printf '%-11s %9s %9s %9s %9s %11s\n' mode "p50 ms" "p95 ms" "p99 ms" "req/s" "server ms"
for mode in sequential parallel; do
  printf '%-11s %9s %9s %9s %9s %11.2f\n' "$mode" "${p50[$mode]}" "${p95[$mode]}" "${p99[$mode]}" "${rps[$mode]}" "${server[$mode]}"
done
awk -v s="${p50[sequential]}" -v p="${p50[parallel]}" -v sr="${rps[sequential]}" -v pr="${rps[parallel]}" \
  'BEGIN { printf "sequential/parallel: p50 %.2fx, throughput %.2fx\n", s / p, sr / pr }'

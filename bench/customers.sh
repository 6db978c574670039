#!/usr/bin/env bash
# Benchmarks the customers panel on 3,000,000 customers (generated once, kept in the bench cluster):
#  1. the original demo's load scenario (k6 there, wrk here): 50 users, each repeating the plain list, first_name=Anthony,
#     search=Nicholas Heights and sort_by=created&ordering=descending with a 1 s pause after each request,
#     against the optimized and the naive endpoints; then the optimized one without pauses (saturation) and
#     without its cache;
#  2. keyset vs OFFSET page time at depths 1,000 / 100,000 / 1,000,000 (cache off);
#  3. the API vs the same SQL run directly with pgbench (cache off);
#  4. search as you type: each prefix of "Maria" and of "Nicholas Heights" as it is typed (the last word matches as a
#     tsquery prefix through the GIN index), the API vs its statement in pgbench (cache off).
# See bench/README.md for the latest figures.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

CUSTOMERS=${BENCH_CUSTOMERS:-3000000}
DURATION=${BENCH_DURATION:-60s}
USERS=${BENCH_USERS:-50}
DEPTHS=(${BENCH_DEPTHS:-1000 100000 1000000})

bench_install wrk=wrk
bench_start customers

have=$("$PSQL" -X -Atc 'SELECT count(*) FROM customers')
if [ "$have" -lt "$CUSTOMERS" ]; then
  echo "Generating $((CUSTOMERS - have)) customers (once; they stay in the bench cluster)..."
  stop_app
  (cd TodoDashboard && ASPNETCORE_ENVIRONMENT=Development Logging__LogLevel__Default=Warning \
    dotnet bin/Release/net10.0/TodoDashboard.dll generate-customers --customers $((CUSTOMERS - have))) | tee "$out/generate-customers.txt"
  bench_start customers
fi
total=$("$PSQL" -X -Atc 'SELECT count(*) FROM customers')
anthonys=$("$PSQL" -X -Atc "SELECT count(*) FROM customers WHERE lower(first_name) = 'anthony'")
heights=$("$PSQL" -X -Atc "SELECT count(*) FROM customers WHERE search_vector @@ websearch_to_tsquery('simple', 'Nicholas Heights')")

wrk_run() { customers_wrk "$1" "$base" "$2" "$3" "${4:-}"; }

echo "Warming up (every URL once on each endpoint)..."
for p in "page_size=20" "first_name=Anthony" "search=Nicholas%20Heights" "ordering=descending&sort_by=created"; do
  curl -sf -o /dev/null -H "$auth" "$base/api/customers?$p"
  curl -sf -o /dev/null -m 120 -H "$auth" "$base/api/customers/naive?$p" || true
done

declare -A result
echo "1. The original demo's scenario, $USERS users with 1 s pauses, $DURATION each: optimized..."
result[optimized]=$(wrk_run optimized "/api/customers?" 1000 warm)
echo "   naive..."
result[naive]=$(wrk_run naive "/api/customers/naive?" 1000)
echo "   optimized without pauses (saturation)..."
result[saturated]=$(wrk_run saturated "/api/customers?" 0)

echo "Restarting the app with its cache off (Customers__CacheLifetime=0)..."
stop_app
export Customers__CacheLifetime=00:00:00
bench_start customers
echo "   optimized, cache off, 1 s pauses..."
result[nocache]=$(wrk_run nocache "/api/customers?" 1000 warm)
echo "   optimized, cache off, no pauses..."
result[nocache_saturated]=$(wrk_run nocache-saturated "/api/customers?" 0)

# 2. A keyset cursor at DEPTH rows into the default order (created, id), built as the API builds it.
cursor_at() {
  local row ticks id
  row=$("$PSQL" -X -At -F' ' -c "SELECT (extract(epoch FROM created) * 10000000)::bigint + 621355968000000000, id FROM customers ORDER BY created, id OFFSET $1 - 1 LIMIT 1")
  read -r ticks id <<<"$row"
  printf '{"S":0,"D":0,"B":0,"V":"%s","I":%s}' "$ticks" "$id" | base64 -w0 | tr '+/' '-_' | tr -d '='
}
declare -A keyset offset
echo "2. Keyset vs OFFSET (page of 20, cache off)..."
for depth in "${DEPTHS[@]}"; do
  cursor=$(cursor_at "$depth")
  report=$out/hey-customers-keyset-$depth.txt
  hey -n 200 -c 1 -H "$auth" "$base/api/customers?page_size=20&cursor=$cursor" >"$report"
  expect_all "$report" 200 200 "keyset at $depth"
  keyset[$depth]=$(latency "$report" 50)
  report=$out/hey-customers-offset-$depth.txt
  hey -n 10 -c 1 -t 120 -H "$auth" "$base/api/customers/naive?page_size=20&page=$((depth / 20 + 1))" >"$report"
  expect_all "$report" 10 200 "offset at $depth"
  offset[$depth]=$(latency "$report" 50)
done

# 3. The API vs its SQL run directly (first_name=Anthony, newest first; cache off), one client each.
echo "3. API vs direct SQL (first_name=Anthony&sort_by=created&ordering=descending, one client)..."
report=$out/hey-customers-api.txt
# Warm first: the run before was wrk's, with other URLs; this one's code paths and prepared statement are ready after.
hey -n 300 -c 1 -H "$auth" "$base/api/customers?first_name=Anthony&sort_by=created&ordering=descending" >/dev/null
hey -n 1000 -c 1 -H "$auth" "$base/api/customers?first_name=Anthony&sort_by=created&ordering=descending" >"$report"
expect_all "$report" 1000 200 "API"
api_avg=$(awk '/Average:/ { printf "%.3f", $2 * 1000 }' "$report")
api_p50=$(latency "$report" 50)
sql=$out/customers-page.sql
cat >"$sql" <<'SQL'
SELECT id, first_name, last_name, gender, customer_id, phone_number, birthday, created, last_updated,
       street, street_number, city_code, city, country, points, relationship_created, last_activity, xmin, created AS sort_key
FROM customers WHERE lower(first_name) COLLATE "C" = lower('Anthony') ORDER BY created DESC, id DESC LIMIT 21;
SQL
"$PGBENCH" -n -M prepared -f "$sql" -c 1 -t 1000 >"$out/pgbench-customers.txt" 2>&1
sql_avg=$(awk '/latency average/ { print $4 }' "$out/pgbench-customers.txt")
"$PSQL" -X -c "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) $(cat "$sql")" >"$out/explain-customers-anthony.txt"
"$PSQL" -X -c "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) SELECT id FROM customers WHERE search_vector @@ websearch_to_tsquery('simple', 'Nicholas Heights') ORDER BY created, id LIMIT 21" >"$out/explain-customers-search.txt"

# 4. Search as you type (cache off): the page asks for each settled search, so every prefix is a request a user waits for.
TYPED=("M" "Ma" "Mar" "Mari" "Maria" "Nicholas H" "Nicholas Hei")
declare -A typed_api typed_sql typed_rows
echo "4. Search as you type (hey -n 100 -c 1 per prefix, cache off) vs the statement in pgbench..."
for typed in "${TYPED[@]}"; do
  encoded=$(jq -rn --arg s "$typed" '$s | @uri')
  report=$out/hey-customers-typed-${typed// /_}.txt
  hey -n 100 -c 1 -H "$auth" "$base/api/customers?search=$encoded" >"$report"
  expect_all "$report" 100 200 "search=$typed"
  typed_api[$typed]=$(latency "$report" 50)
  # The statement the API runs for it (CustomerFilterSql.AddSearch): the finished words as web search, the last as a prefix.
  # A prefix of one or two letters after finished words is a filter on their rows, a longer one joins the GIN scan.
  words=${typed% *}; last=${typed##* }
  if [ "$words" = "$typed" ]; then
    where="search_vector @@ to_tsquery('simple', '$last:*')"
  elif [ ${#last} -lt 3 ]; then
    where="search_vector @@ websearch_to_tsquery('simple', '$words') AND (search_vector @@ to_tsquery('simple', '$last:*')) IS TRUE"
  else
    where="search_vector @@ (websearch_to_tsquery('simple', '$words') && to_tsquery('simple', '$last:*'))"
  fi
  sql_typed=$out/customers-typed.sql
  echo "SELECT id, first_name, last_name, customer_id, city, created FROM customers WHERE $where ORDER BY created, id LIMIT 21;" >"$sql_typed"
  "$PGBENCH" -n -M prepared -f "$sql_typed" -c 1 -t 100 >"$out/pgbench-customers-typed.txt" 2>&1
  typed_sql[$typed]=$(awk '/latency average/ { print $4 }' "$out/pgbench-customers-typed.txt")
  typed_rows[$typed]=$("$PSQL" -X -Atc "SELECT count(*) FROM customers WHERE $where")
done

# 5. The ceiling of the scenario's own statements: the four pages as the app reads them (CustomerSearchSql: the
# columns, the sort key, LIMIT page + 1; "Heights" is the word being typed, so a prefix), weighted equally as wrk
# requests them, in pgbench with prepared statements, 16 clients (the app's pool serves 50 connections with fewer).
CEILING_CLIENTS=${BENCH_CEILING_CLIENTS:-16}
columns="id, first_name, last_name, gender, customer_id, phone_number, birthday, created, last_updated, street, street_number, city_code, city, country, points, relationship_created, last_activity, xmin"
declare -A scenario_sql=(
  [list]="SELECT $columns, created AS sort_key FROM customers ORDER BY created, id LIMIT 21;"
  [anthony]="SELECT $columns, created AS sort_key FROM customers WHERE lower(first_name) COLLATE \"C\" = lower('Anthony') ORDER BY created, id LIMIT 21;"
  [search]="SELECT $columns, created AS sort_key FROM customers WHERE search_vector @@ (websearch_to_tsquery('simple', 'Nicholas') && to_tsquery('simple', 'Heights' || ':*')) ORDER BY created, id LIMIT 21;"
  [newest]="SELECT $columns, created AS sort_key FROM customers ORDER BY created DESC, id DESC LIMIT 21;"
)
scripts=()
declare -A plan_of
for name in list anthony search newest; do
  echo "${scenario_sql[$name]}" >"$out/customers-scenario-$name.sql"
  scripts+=(-f "$out/customers-scenario-$name.sql")
  # The plan's nodes, outermost first, with the rows each returned: what "an index range scan of a page" means here.
  plan_of[$name]=$("$PSQL" -X -At -c "EXPLAIN (ANALYZE, FORMAT JSON) ${scenario_sql[$name]%;}" | jq -r \
    '[.. | objects | select(has("Node Type")) | "\(.["Node Type"])\(if .["Index Name"] then " " + .["Index Name"] else "" end) (\(.["Actual Rows"]) rows)"] | join(" > ")')
done
echo "5. The scenario's four statements in pgbench (-c $CEILING_CLIENTS -T 20, prepared)..."
"$PGBENCH" -n -M prepared "${scripts[@]}" -c "$CEILING_CLIENTS" -j 2 -T 20 >"$out/pgbench-customers-scenario.txt" 2>&1
ceiling_tps=$(awk '/^tps = / { printf "%.0f", $3 }' "$out/pgbench-customers-scenario.txt")

echo
echo "Customers: $total customers ($anthonys named Anthony, $heights matching 'Nicholas Heights')"
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, 1-min load average at start: $load_at_start"
echo
echo "1. The original demo's scenario: wrk, $USERS connections, $DURATION, the four URLs in turn (timeout 60 s)"
printf '%-34s %9s %9s %9s %9s %9s %9s\n' endpoint "p50 ms" "p95 ms" "p99 ms" "req/s" requests failures
for name in optimized naive saturated nocache nocache_saturated; do
  r=${result[$name]}
  case $name in
    optimized) label="optimized, 1 s pauses" ;;
    naive) label="naive, 1 s pauses" ;;
    saturated) label="optimized, no pauses" ;;
    nocache) label="optimized, cache off, 1 s pauses" ;;
    nocache_saturated) label="optimized, cache off, no pauses" ;;
  esac
  printf '%-34s %9s %9s %9s %9s %9s %9s\n' "$label" "$(field "$r" p50)" "$(field "$r" p95)" "$(field "$r" p99)" \
    "$(field "$r" rps)" "$(field "$r" requests)" "$(field "$r" failures)"
done
awk -v o="$(field "${result[optimized]}" p95)" -v n="$(field "${result[naive]}" p95)" -v or="$(field "${result[optimized]}" rps)" -v nr="$(field "${result[naive]}" rps)" \
  'BEGIN { printf "naive/optimized: p95 %.1fx, throughput optimized/naive %.1fx\n", n / o, or / nr }'
awk -v o="$(field "${result[optimized]}" p95)" -v f="$(field "${result[optimized]}" failures)" \
  'BEGIN { printf "goal p95 < 50 ms with no failures: %s\n", (o < 50 && f == 0) ? "met" : "MISSED" }'
echo "(the original demo's optimized Django: p95 631 ms at 27 req/s, 0% failures; its naive one: 1 req/s, 51% failures)"
echo
echo "2. Page of 20 at a depth, cache off: keyset (hey -n 200 -c 1) vs naive OFFSET + COUNT(*) (hey -n 10 -c 1), p50"
printf '%-12s %12s %12s %10s\n' depth "keyset ms" "offset ms" "ratio"
for depth in "${DEPTHS[@]}"; do
  printf '%-12s %12s %12s %9.0fx\n' "$depth" "${keyset[$depth]}" "${offset[$depth]}" "$(awk -v k="${keyset[$depth]}" -v o="${offset[$depth]}" 'BEGIN { print o / k }')"
done
echo
echo "3. first_name=Anthony, newest first, one client, cache off: API (hey -n 1000) vs the SQL in pgbench (-t 1000, prepared)"
printf 'API average %s ms (p50 %s ms), SQL average %s ms: the API costs %.2fx the SQL (+%.2f ms)\n' \
  "$api_avg" "$api_p50" "$sql_avg" "$(awk -v a="$api_avg" -v s="$sql_avg" 'BEGIN { print a / s }')" "$(awk -v a="$api_avg" -v s="$sql_avg" 'BEGIN { print a - s }')"
echo "(plans: $out/explain-customers-anthony.txt, $out/explain-customers-search.txt)"
echo
echo "4. Search as you type, one client, cache off: API p50 (hey -n 100) vs its statement's average in pgbench (-t 100, prepared)"
printf '%-16s %10s %10s %10s %8s\n' typed matches "API ms" "SQL ms" ratio
for typed in "${TYPED[@]}"; do
  printf '%-16s %10s %10s %10s %7.2fx\n' "\"$typed\"" "${typed_rows[$typed]}" "${typed_api[$typed]}" "${typed_sql[$typed]}" \
    "$(awk -v a="${typed_api[$typed]}" -v s="${typed_sql[$typed]}" 'BEGIN { print a / s }')"
done
awk -v worst="$(for t in "${TYPED[@]}"; do echo "${typed_api[$t]}"; done | sort -g | tail -n 1)" \
  'BEGIN { printf "slowest prefix p50 %.2f ms: budget (50 ms) %s\n", worst, (worst < 50) ? "met" : "MISSED" }'
echo
echo "5. The scenario's statements: their plans (EXPLAIN ANALYZE), and the four in pgbench (-c $CEILING_CLIENTS -T 20, prepared)"
for name in list anthony search newest; do
  printf '%-8s %s\n' "$name" "${plan_of[$name]}"
done
echo "pgbench: $ceiling_tps tps"
echo
echo "Goals (issue 17):"
r=${result[nocache_saturated]}
rps=$(field "$r" rps); p95=$(field "$r" p95); failures=$(field "$r" failures)
bench_result "seed scenario, cache off, no pauses" "$(printf '%.0f' "$rps") req/s" "p95 $p95 ms, $failures failed" "-" \
  ">= 2,500 req/s, p95 <= 30 ms, 0 failed" "$rps >= 2500 && $p95 <= 30 && $failures == 0"
bench_result "seed scenario, cache off, vs its statements" "$(printf '%.0f' "$rps") req/s" "pgbench $ceiling_tps tps" \
  "$(ratio "$rps" "$ceiling_tps")" ">= 0.85x" "$rps / $ceiling_tps >= 0.85"
bench_result "first_name=Anthony newest first, one client" "API p50 $api_p50 ms" "statement $sql_avg ms" \
  "+$(awk -v a="$api_p50" -v s="$sql_avg" 'BEGIN { printf "%.2f", a - s }') ms" "<= +1 ms" "$api_p50 - $sql_avg <= 1"

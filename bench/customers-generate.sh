#!/usr/bin/env bash
# Benchmarks the customer generator: `generate-customers --customers N` (3,000,000 by default) into an empty
# customers table of a fresh database, in-process as a user runs it. See bench/README.md.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

CUSTOMERS=${BENCH_CUSTOMERS:-3000000}
DATABASE=${BENCH_CUSTOMERS_DATABASE:-todo_dashboard_bench_customers}

bench_prepare "$DATABASE"

# A fresh database each time: the measurement is a load into an empty table, as on a new install.
echo "Recreating the database $PGDATABASE..."
"$PSQL" -X -q -d postgres -c "DROP DATABASE IF EXISTS \"$PGDATABASE\" WITH (FORCE)"
app() {
  (cd TodoDashboard && Logging__LogLevel__Default=Warning dotnet bin/Release/net10.0/TodoDashboard.dll "$@")
}
app generate-customers --customers 1 >"$out/customers-migrate.log" 2>&1 \
  || { tail -n 30 "$out/customers-migrate.log" >&2; exit 1; }
"$PSQL" -X -q -v ON_ERROR_STOP=1 -c 'TRUNCATE customers RESTART IDENTITY; DELETE FROM runs WHERE kind = '"'"'customer-generation'"'"'; CHECKPOINT'

load_at_start=$(cut -d' ' -f1 /proc/loadavg)
started_at=$(date -u '+%Y-%m-%d %H:%M UTC')
echo "Generating $CUSTOMERS customers..."
log=$out/customers-generate.log
app generate-customers --customers "$CUSTOMERS" | tee "$log" | grep --line-buffered -E '^(dropped|indexing +[0-9]+ indexes)' || true
summary=$(grep -E '^(Succeeded|Failed)' "$log" || true)
[[ $summary == Succeeded* ]] || { tail -n 30 "$log" >&2; echo "The run did not succeed." >&2; exit 1; }

echo
echo "Customer generation: $CUSTOMERS customers into an empty table, batches of Customers:GenerationBatchSize (default 50000)"
echo "$started_at, $(nproc) cores, 1-min load average at start: $load_at_start, at end: $(cut -d' ' -f1 /proc/loadavg)"
figures=$("$PSQL" -X -q -A -F ' ' -t -v ON_ERROR_STOP=1 <<'SQL'
SELECT done, (data->>'loadMs')::float8, COALESCE((data->>'indexMs')::float8, 0), (data->>'indexesBuilt')::int,
       extract(epoch FROM finished_at - started_at)
FROM runs WHERE kind = 'customer-generation' ORDER BY created_at DESC LIMIT 1
SQL
)
echo "$figures" | awk '
  { printf "%-8s %12s %12s %12s %12s\n", "phase", "rows", "seconds", "rows/s", "indexes"
    printf "%-8s %12d %12.1f %12.0f %12s\n", "load", $1, $2 / 1000, $1 / ($2 / 1000), "-"
    printf "%-8s %12s %12.1f %12s %12s\n", "indexes", "-", $3 / 1000, "-", $4 " + ANALYZE"
    printf "%-8s %12d %12.1f %12.0f %12s\n", "total", $1, $5, $1 / $5, "" }'
"$PSQL" -X -q -A -t -v ON_ERROR_STOP=1 -c "SELECT 'table ' || pg_size_pretty(pg_table_size('customers')) || ', indexes ' || pg_size_pretty(pg_indexes_size('customers'))"
echo "$summary"
read -r _ load_ms index_ms _ total_s <<<"$figures"
load_s=$(awk -v v="$load_ms" 'BEGIN { printf "%.1f", v / 1000 }')
index_s=$(awk -v v="$index_ms" 'BEGIN { printf "%.1f", v / 1000 }')
total_s=$(awk -v v="$total_s" 'BEGIN { printf "%.1f", v }')
echo
bench_result "generate $CUSTOMERS customers, end to end" "$total_s s" "load $load_s + indexes $index_s s" "-" "<= 60 s" "$total_s <= 60"
